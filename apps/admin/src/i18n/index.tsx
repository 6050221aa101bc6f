// The console's language: a small dictionary per language, Chinese by default, chosen in the header and remembered.
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { setApiLanguage } from "../lib/api.ts";
import { en } from "./en.ts";
import { type MessageKey, zh } from "./zh.ts";

export type Language = "zh" | "en";
export type { MessageKey } from "./zh.ts";
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const LANGUAGE_KEY = "liebian.admin.language";
const dictionaries: Record<Language, Record<MessageKey, string>> = { zh, en };

type I18n = {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
  /** For keys built from server values (a status, a method): the text if the dictionary has it, else the fallback. */
  label: (key: string, fallback: string) => string;
};
const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  return localStorage.getItem(LANGUAGE_KEY) === "en" ? "en" : "zh";
}

function apiLanguage(language: Language): string {
  return language === "en" ? "en" : "zh-CN";
}

setApiLanguage(apiLanguage(initialLanguage()));

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(LANGUAGE_KEY, next);
    setApiLanguage(apiLanguage(next));
    setLanguageState(next);
  }, []);
  const t = useCallback<Translate>(
    (key, vars) => {
      const text = dictionaries[language][key] ?? key;
      return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? "")) : text;
    },
    [language],
  );
  const value = useMemo(
    () => ({
      language,
      setLanguage,
      t,
      label: (key: string, fallback: string) => (isMessageKey(key) ? t(key) : fallback),
    }),
    [language, setLanguage, t],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error("useI18n outside I18nProvider");
  return context;
}

/** Whether the dictionary knows a key built at run time (e.g. an error code or a status). */
export function isMessageKey(key: string): key is MessageKey {
  return key in zh;
}
