// The shop's language: Chinese by default, English when chosen on the "me" page, remembered on the device.
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { setApiLanguage } from "../lib/api.ts";
import { readLanguage, writeLanguage } from "../lib/storage.ts";
import { en } from "./en.ts";
import { type MessageKey, zh } from "./zh.ts";

export type Language = "zh" | "en";
export type { MessageKey } from "./zh.ts";
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const dictionaries: Record<Language, Record<MessageKey, string>> = { zh, en };

type I18n = { language: Language; setLanguage: (language: Language) => void; t: Translate };
const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  return readLanguage() === "en" ? "en" : "zh";
}

const apiLanguage = (language: Language) => (language === "en" ? "en" : "zh-CN");
setApiLanguage(apiLanguage(initialLanguage()));

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    writeLanguage(next);
    setApiLanguage(apiLanguage(next));
    document.documentElement.lang = next === "en" ? "en" : "zh-CN";
    setLanguageState(next);
  }, []);
  const t = useCallback<Translate>(
    (key, vars) => {
      const text = dictionaries[language][key] ?? key;
      return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? "")) : text;
    },
    [language],
  );
  const value = useMemo(() => ({ language, setLanguage, t }), [language, setLanguage, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error("useI18n outside I18nProvider");
  return context;
}

/** Whether the dictionary knows a key built at run time (an error code, a status, an event). */
export function isMessageKey(key: string): key is MessageKey {
  return key in zh;
}
