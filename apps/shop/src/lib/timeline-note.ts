// An order event's note as a shopper reads it: the server writes machine words ("auto", the provider's
// name, the after-sale kind) that the dictionary turns into the shop's language.
import { isMessageKey, type Translate } from "../i18n/index.tsx";
import { formatFen } from "./money.ts";

export function timelineNote(kind: string, note: string | null, t: Translate): string {
  if (!note) return "";
  if (note === "auto") return t("order.note.auto");
  if (kind === "pay") {
    // "<provider> <transaction id>": the shopper recognises the method, not the transaction number
    const key = `pay.provider.${note.split(" ")[0]}`;
    return isMessageKey(key) ? t(key) : note;
  }
  if (kind === "refund" || kind === "refund_all") {
    // "#<after-sale> <fen>": the amount as money
    const refund = /^(#\d+) (\d+)$/.exec(note);
    if (refund) return `${refund[1]} ${formatFen(Number(refund[2]))}`;
  }
  return note.replace(/\b(refund_only|return_refund)\b/, (word) => {
    const key = `aftersale.kind.${word}`;
    return isMessageKey(key) ? t(key) : word;
  });
}
