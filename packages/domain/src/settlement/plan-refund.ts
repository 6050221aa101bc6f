// What a completed after-sale refund moves: the refund's own posting (to the provider or back to the shop balance) and,
// per commission line of the refunded items, what the cumulative clawback rule takes back — from frozen
// before settlement (a line wholly taken back is cancelled), from available after it (debt allowed).

import { computeClawback } from "../distribution/clawback.ts";
import { BALANCE_PROVIDER } from "../ledger/accounts.ts";
import {
  buildClawbackPosting,
  buildRefundPosting,
  buildWalletRefundPosting,
  type Posting,
} from "../ledger/postings.ts";
import { type Fen, fen } from "../money.ts";

/** A commission line of a refunded item, as stored. */
export type RefundedCommission = {
  id: number;
  orderItemId: number;
  earnerUserId: number;
  status: "frozen" | "held" | "settled" | "cancelled";
  amountFen: number;
  /** The item's paid amount when the line was created. */
  itemFen: number;
  clawedBackFen: number;
};

/** A refunded item: what is left of its paid amount after every refund so far, this one included. */
export type RefundedItem = { orderItemId: number; remainingPaidFen: number };

/** The money of the refund itself; null when nothing was paid back through the ledger (the sandbox). */
export type RefundMoney = {
  provider: string;
  outRefundNo: string;
  orderNo: string;
  buyerUserId: number;
  amountFen: number;
};

export type RefundFacts<At, C extends RefundedCommission = RefundedCommission> = {
  orderId: number;
  /** The after-sale refunded: its id keys the clawbacks. (Stray money's refund is buildRefundPosting alone.) */
  afterSaleId: number;
  at: At;
  money: RefundMoney | null;
  items: readonly RefundedItem[];
  commissions: readonly C[];
};

export type ClawbackPlan<C extends RefundedCommission = RefundedCommission> = {
  commission: C;
  amountFen: Fen;
  /** The line's clawed-back total after this refund. */
  totalClawedFen: Fen;
  /** Settled lines are clawed back from the available balance (debt allowed); others reverse from frozen. */
  from: "available" | "frozen";
  /** The line is wholly taken back before settlement: it becomes cancelled. */
  cancels: boolean;
};

export type RefundPlan<At, C extends RefundedCommission = RefundedCommission> = {
  clawbacks: ClawbackPlan<C>[];
  postings: Posting<At>[];
};

/**
 * Per commission line of the refunded items, what this refund takes back (cumulative rule). Used to
 * apply a refund and to preview it for staff, so the dialog and the ledger never disagree.
 * Example: a frozen ¥10 line on a ¥100 item, ¥66.66 left after the refund → take back 334 from frozen.
 */
export function planClawbacks<C extends RefundedCommission>(
  commissions: readonly C[],
  items: readonly RefundedItem[],
): ClawbackPlan<C>[] {
  const plans: ClawbackPlan<C>[] = [];
  for (const commission of commissions) {
    const item = items.find((i) => i.orderItemId === commission.orderItemId);
    if (!item || commission.status === "cancelled") continue;
    const decision = computeClawback({
      commissionFen: fen(commission.amountFen),
      itemFen: fen(commission.itemFen),
      remainingFen: fen(Math.max(0, Math.min(item.remainingPaidFen, commission.itemFen))),
      alreadyClawedFen: fen(commission.clawedBackFen),
    });
    if (decision.kind === "none") continue;
    const settled = commission.status === "settled";
    plans.push({
      commission,
      amountFen: decision.amountFen,
      totalClawedFen: decision.totalClawedFen,
      from: settled ? "available" : "frozen",
      cancels: !settled && decision.totalClawedFen === commission.amountFen,
    });
  }
  return plans;
}

/**
 * Plans a completed refund: the money's posting first, then one clawback posting per line it takes from.
 * Example: ¥30 of a ¥100 item refunded by alipay, a frozen ¥10 line → refund:alipay:<no> (revenue pays
 * the provider back) and claw:<line>:<after-sale> taking 300 from frozen.
 */
export function planRefund<At, C extends RefundedCommission>(facts: RefundFacts<At, C>): RefundPlan<At, C> {
  const postings: Posting<At>[] = [];
  const { money, at } = facts;
  if (money && money.provider === BALANCE_PROVIDER)
    postings.push(buildWalletRefundPosting({ ...money, afterSaleId: facts.afterSaleId, at }));
  else if (money) postings.push(buildRefundPosting({ ...money, afterSaleId: facts.afterSaleId, at }));
  const clawbacks = planClawbacks(facts.commissions, facts.items);
  for (const claw of clawbacks) {
    postings.push(
      buildClawbackPosting({
        commissionId: claw.commission.id,
        orderId: facts.orderId,
        refundId: facts.afterSaleId,
        earnerUserId: claw.commission.earnerUserId,
        amountFen: claw.amountFen,
        from: claw.from,
        at,
      }),
    );
  }
  return { clawbacks, postings };
}
