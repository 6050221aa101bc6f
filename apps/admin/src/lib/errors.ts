// How a refused call reads to staff: a Chinese (or English) sentence per known code, the server's message otherwise.
import { isMessageKey, type Translate } from "../i18n/index.tsx";
import { ApiFailure } from "./api.ts";

export function errorText(error: unknown, t: Translate): string {
  if (error instanceof ApiFailure) {
    const key = `error.${error.code}`;
    // an unknown code still reads in the console's language; the code helps whoever investigates
    return isMessageKey(key) ? t(key) : t("error.unknownCode", { code: error.code });
  }
  return error instanceof Error ? error.message : String(error);
}
