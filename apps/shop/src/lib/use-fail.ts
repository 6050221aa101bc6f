// Shows a refused call as a friendly toast: the dictionary's words for its code, else a general apology.
import { Toast } from "antd-mobile";
import { useCallback } from "react";
import { isMessageKey, useI18n } from "../i18n/index.tsx";
import { ApiFailure } from "./api.ts";

export function useFailureText(): (error: unknown) => string {
  const { t } = useI18n();
  return useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiFailure)) return t("error.unknown");
      const key = `error.${error.code}`;
      // the server's own message is English and meant for developers; shoppers get the shop's words
      return isMessageKey(key) ? t(key) : t("error.unknown");
    },
    [t],
  );
}

/** `fail(error)` toasts why a call was refused. */
export function useFail(): (error: unknown) => void {
  const text = useFailureText();
  return useCallback((error: unknown) => Toast.show({ icon: "fail", content: text(error) }), [text]);
}
