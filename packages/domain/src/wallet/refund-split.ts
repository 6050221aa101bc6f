// Where a refund of a mixed payment goes: the shop balance's share back to the balance, the rest back to
// the provider. Split in proportion to what each paid, counted on the running total of refunds so that any
// sequence of partial refunds returns exactly what each side paid once the order is refunded in full.
import { type Fen, fen, mulDivFloor } from "../money.ts";

export type RefundSplitFacts = {
  /** What the order was paid in total (balance + provider). */
  paidFen: Fen;
  /** The part of it paid from the shop balance. */
  walletPaidFen: Fen;
  /** Refunds of this order already made before this one. */
  refundedBeforeFen: Fen;
  /** This refund. */
  refundFen: Fen;
};

/**
 * The balance share of the refunds so far is ⌊refunded × walletPaid / paid⌋; this refund's balance part is
 * what that share grows by, and the provider gets the rest.
 * Example: paid ¥100 (¥30 balance + ¥70 WeChat), refund ¥50 → { walletFen: 1500, providerFen: 3500 };
 * a second refund of the other ¥50 → { walletFen: 1500, providerFen: 3500 }.
 */
export function computeRefundSplit(facts: RefundSplitFacts): { walletFen: Fen; providerFen: Fen } {
  const { paidFen, walletPaidFen, refundedBeforeFen, refundFen } = facts;
  if (
    walletPaidFen < 0 ||
    walletPaidFen > paidFen ||
    refundFen < 0 ||
    refundedBeforeFen + refundFen > paidFen
  )
    throw new Error("refund split: amounts out of range");
  if (paidFen === 0) return { walletFen: fen(0), providerFen: fen(0) };
  const shareAfter = mulDivFloor(fen(refundedBeforeFen + refundFen), walletPaidFen, paidFen);
  const shareBefore = mulDivFloor(refundedBeforeFen, walletPaidFen, paidFen);
  const walletFen = fen(shareAfter - shareBefore);
  return { walletFen, providerFen: fen(refundFen - walletFen) };
}
