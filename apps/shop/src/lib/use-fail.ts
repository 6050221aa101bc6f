// Shows a refused call as a friendly toast: the dictionary's words for its code, else a general apology.
import { Toast } from "antd-mobile";
import { useCallback } from "react";
import { isMessageKey, useI18n } from "../i18n/index.tsx";
import { ApiFailure } from "./api.ts";

/**
 * "请在 30 秒后重试" from the refusal's retryAfterSeconds (the same number as its Retry-After header), minutes
 * beyond two; "请稍后再试" for a rate limit that did not say; null for refusals that are not about waiting.
 */
export function waitText(error: ApiFailure, t: ReturnType<typeof useI18n>["t"]): string | null {
  const seconds = error.details?.retryAfterSeconds;
  if (typeof seconds === "number" && seconds > 0)
    return seconds > 120
      ? t("error.retryInMinutes", { minutes: Math.ceil(seconds / 60) })
      : t("error.retryInSeconds", { seconds });
  return error.code === "RATE_LIMITED" ? t("error.retryLater") : null;
}

export function useFailureText(): (error: unknown) => string {
  const { t } = useI18n();
  return useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiFailure)) return t("error.unknown");
      const key = `error.${error.code}`;
      // the server's own message is English and meant for developers; shoppers get the shop's words
      if (!isMessageKey(key)) return t("error.unknown");
      const wait = waitText(error, t);
      return wait ? t("error.withWait", { text: t(key), wait }) : t(key);
    },
    [t],
  );
}

/** `fail(error)` toasts why a call was refused. */
export function useFail(): (error: unknown) => void {
  const text = useFailureText();
  return useCallback((error: unknown) => Toast.show({ icon: "fail", content: text(error) }), [text]);
}
