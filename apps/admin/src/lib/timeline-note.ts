// An order event's note in the console's language: the server writes machine words ("auto", the provider's
// name, the after-sale kind); staff keep the transaction number, which they match against statements.
import { isMessageKey, type Translate } from "../i18n/index.tsx";
import { formatFen } from "./money.ts";

export function timelineNote(kind: string, note: string | null, t: Translate): string {
  if (!note) return "";
  if (note === "auto") return t("order.note.auto");
  if (kind === "refund" || kind === "refund_all") {
    // "#<after-sale> <fen>": the amount as money
    const refund = /^(#\d+) (\d+)$/.exec(note);
    if (refund) return `${refund[1]} ${formatFen(Number(refund[2]))}`;
  }
  const [first = "", ...rest] = note.split(" ");
  const named = [providerName(first, t), ...rest].join(" ");
  return named.replace(/\b(refund_only|return_refund)\b/, (word) => {
    const key = `afterSaleKind.${word}`;
    return isMessageKey(key) ? t(key) : word;
  });
}

/** "sandbox" → 沙箱; a provider the dictionary does not know is shown as named. */
export function providerName(provider: string, t: Translate): string {
  const key = `provider.${provider}`;
  return isMessageKey(key) ? t(key) : provider;
}
