// How a refused call reads to staff: a Chinese (or English) sentence per known code, the server's message otherwise.
import { isMessageKey, type Translate } from "../i18n/index.tsx";
import { ApiFailure } from "./api.ts";

/** "请在 30 秒后重试" from the refusal's retryAfterSeconds (its Retry-After), minutes beyond two. */
export function waitText(error: ApiFailure, t: Translate): string | null {
  const seconds = error.details?.retryAfterSeconds;
  if (typeof seconds === "number" && seconds > 0)
    return seconds > 120
      ? t("error.retryInMinutes", { minutes: Math.ceil(seconds / 60) })
      : t("error.retryInSeconds", { seconds });
  return error.code === "RATE_LIMITED" ? t("error.retryLater") : null;
}

export function errorText(error: unknown, t: Translate): string {
  if (error instanceof ApiFailure) {
    const key = `error.${error.code}`;
    // an unknown code still reads in the console's language; the code helps whoever investigates
    if (!isMessageKey(key)) return t("error.unknownCode", { code: error.code });
    const wait = waitText(error, t);
    return wait ? t("error.withWait", { text: t(key), wait }) : t(key);
  }
  return error instanceof Error ? error.message : String(error);
}
