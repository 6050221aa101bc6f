// Which accounts each money event moves: one pure function per event, returning the balanced ledger lines
// (+ debit, − credit, summing to zero, never a zero line) with the idempotency key that makes it happen once.
// `git grep Posting\(` lists every place money moves. A payout that fails moves nothing: the hold stays
// for a retry or a rejection (buildWithdrawalReleasedPosting).

import { type Fen, fen } from "../money.ts";
import { BALANCE_PROVIDER, balanceTransactionId, ledgerAccount, paymentClearingAccount } from "./accounts.ts";

export type LedgerLine = { account: string; amountFen: Fen };

/**
 * One ledger transaction of one money event, as the server's ledger posts it. `At` is the moment the
 * caller's clock gave the event (a Date on the server): the domain carries it through, never reads a clock.
 */
export type Posting<At = unknown> = {
  /** The business event, e.g. `comm:<orderItemId>:L1`, `wd:<id>:hold`: posted once per key. */
  key: string;
  kind: string;
  entries: LedgerLine[];
  meta: Record<string, unknown>;
  at: At;
};

/** `amount` from `credit` to `debit`: the two-line shape nearly every event takes. */
function move<At>(
  head: { key: string; kind: string; meta: Record<string, unknown>; at: At },
  debit: string,
  credit: string,
  amountFen: number,
): Posting<At> {
  // A non-positive amount here is a caller bug (the optional events below return null instead).
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0)
    throw new RangeError(`${head.key}: a posting moves a positive integer amount, got ${amountFen}`);
  return {
    ...head,
    entries: [
      { account: debit, amountFen: fen(amountFen) },
      { account: credit, amountFen: fen(-amountFen) },
    ],
  };
}

/** Only when something is left to move; null otherwise (no zero lines). */
function moveIfAny<At>(
  head: { key: string; kind: string; meta: Record<string, unknown>; at: At },
  debit: string,
  credit: string,
  amountFen: number,
): Posting<At> | null {
  return amountFen > 0 ? move(head, debit, credit, amountFen) : null;
}

/**
 * A provider's payment: the provider (or, for the shop balance, the buyer's wallet hold) owes us the money,
 * counted as revenue — or, when the order could not take it (`stray`), held for the automatic refund.
 * Example: ¥100 via wxpay → gateway_clearing:wxpay +10000, merchant_revenue −10000.
 */
export function buildPaymentPosting<At>(p: {
  provider: string;
  transactionId: string;
  orderNo: string;
  buyerUserId: number;
  amountFen: number;
  stray: boolean;
  at: At;
}): Posting<At> {
  return move(
    { key: `pay:${p.provider}:${p.transactionId}`, kind: "payment", meta: { orderNo: p.orderNo }, at: p.at },
    paymentClearingAccount(p.provider, p.buyerUserId),
    p.stray ? ledgerAccount.refundClearing : ledgerAccount.merchantRevenue,
    p.amountFen,
  );
}

/**
 * The shop balance's part of an order paid with it: the held balance becomes revenue.
 * Example: ¥30 of the order from the balance → wallet_hold:u:7 +3000, merchant_revenue −3000.
 */
export function buildWalletPayPosting<At>(p: {
  orderNo: string;
  buyerUserId: number;
  amountFen: number;
  at: At;
}): Posting<At> {
  return buildPaymentPosting({
    provider: BALANCE_PROVIDER,
    transactionId: balanceTransactionId(p.orderNo),
    orderNo: p.orderNo,
    buyerUserId: p.buyerUserId,
    amountFen: p.amountFen,
    stray: false,
    at: p.at,
  });
}

/** Balance set aside for an unpaid order. Example: ¥30 → wallet:u:7 +3000, wallet_hold:u:7 −3000. */
export function buildWalletHoldPosting<At>(p: {
  orderNo: string;
  buyerUserId: number;
  amountFen: number;
  at: At;
}): Posting<At> {
  return move(
    { key: `wallet:hold:${p.orderNo}`, kind: "wallet_hold", meta: { orderNo: p.orderNo }, at: p.at },
    ledgerAccount.wallet(p.buyerUserId),
    ledgerAccount.walletHold(p.buyerUserId),
    p.amountFen,
  );
}

/** An unpaid order ends: its held balance goes back to the wallet; null when nothing was held. */
export function buildWalletReleasePosting<At>(p: {
  orderNo: string;
  buyerUserId: number;
  heldFen: number;
  at: At;
}): Posting<At> | null {
  return moveIfAny(
    { key: `wallet:release:${p.orderNo}`, kind: "wallet_release", meta: { orderNo: p.orderNo }, at: p.at },
    ledgerAccount.walletHold(p.buyerUserId),
    ledgerAccount.wallet(p.buyerUserId),
    p.heldFen,
  );
}

/**
 * A commission line is created (frozen, or held for review): the merchant's revenue pays into the frozen
 * commissions (the earner's share of them is the row itself). Example: ¥10 level 1 → merchant_revenue +1000,
 * commission_frozen −1000.
 */
export function buildCommissionFrozenPosting<At>(p: {
  orderId: number;
  orderItemId: number;
  level: number;
  earnerUserId: number;
  amountFen: number;
  at: At;
}): Posting<At> {
  return move(
    {
      key: `comm:${p.orderItemId}:L${p.level}`,
      kind: "commission_frozen",
      meta: { orderId: p.orderId, orderItemId: p.orderItemId, level: p.level },
      at: p.at,
    },
    ledgerAccount.merchantRevenue,
    ledgerAccount.commissionFrozen,
    p.amountFen,
  );
}

/** A commission settles: what clawbacks left moves frozen → available; null when nothing is left. */
export function buildCommissionReleasedPosting<At>(p: {
  commissionId: number;
  orderId: number;
  earnerUserId: number;
  amountFen: number;
  clawedBackFen: number;
  at: At;
}): Posting<At> | null {
  return moveIfAny(
    {
      key: `settle:${p.commissionId}`,
      kind: "commission_settled",
      meta: { commissionId: p.commissionId, orderId: p.orderId },
      at: p.at,
    },
    ledgerAccount.commissionFrozen,
    ledgerAccount.commissionAvailable(p.earnerUserId),
    p.amountFen - p.clawedBackFen,
  );
}

/**
 * An order's commissions released when it completes, one ledger transaction: for each earner, what clawbacks
 * left of their settled commissions, summed, moves out of the frozen commissions into their available
 * balance: one line per earner and one for the frozen account. (The release sweep, set-based in SQL, moves a
 * batch's total to the shop-wide released account instead and leaves each earner's share pending until it
 * is folded in — buildReleasedFoldedPosting — migration 0053.) These are buildCommissionReleasedPosting's lines of every commission in the
 * batch merged per account (planRelease's property test holds them equal), in account-code order; an earner
 * with nothing left has none, and a batch with nothing left has no lines. Summing per earner as a number
 * first keeps a batch of 10,000 rows from building 20,000 account codes. Example: earner 7 left 1,000 and 300,
 * earner 9 left 500 → commission_available:u:7 −1300, commission_available:u:9 −500, commission_frozen +1800.
 */
export function buildCommissionsReleasedLines(leftFenByEarner: ReadonlyMap<number, number>): LedgerLine[] {
  const lines: LedgerLine[] = [];
  let frozenFen = 0;
  for (const [earnerUserId, leftFen] of leftFenByEarner) {
    if (!Number.isSafeInteger(leftFen) || leftFen < 0)
      throw new RangeError(
        `release of earner ${earnerUserId}: a non-negative integer is left, got ${leftFen}`,
      );
    if (leftFen === 0) continue;
    lines.push({ account: ledgerAccount.commissionAvailable(earnerUserId), amountFen: fen(-leftFen) });
    frozenFen += leftFen;
  }
  if (frozenFen === 0) return [];
  lines.push({ account: ledgerAccount.commissionFrozen, amountFen: fen(frozenFen) });
  return lines.sort((a, b) => (a.account < b.account ? -1 : a.account > b.account ? 1 : 0));
}

/**
 * An earner's released commissions, still in the shop-wide `commission_released` account, move into their
 * available account: before anything reads or debits that balance under a limit (a withdrawal, a dividend
 * clawback). `throughTransactionId` is the last release transaction folded; each release is folded once, so
 * the key is unique. Example: u:7's releases of ¥13 and ¥5 through transaction 42 → commission_released
 * +1800, commission_available:u:7 −1800, key fold:u:7:42.
 */
export function buildReleasedFoldedPosting<At>(p: {
  earnerUserId: number;
  amountFen: number;
  throughTransactionId: number;
  releases: number;
  at: At;
}): Posting<At> {
  return move(
    {
      key: `fold:u:${p.earnerUserId}:${p.throughTransactionId}`,
      kind: "commission_released_folded",
      meta: { releases: p.releases },
      at: p.at,
    },
    ledgerAccount.commissionReleased,
    ledgerAccount.commissionAvailable(p.earnerUserId),
    p.amountFen,
  );
}

/**
 * A refund takes back part of a commission line: from frozen before settlement (reversed), from available
 * after it (clawed back; the balance may go negative as debt). Example: 334 from available →
 * commission_available:u:3 +334, merchant_revenue −334.
 */
export function buildClawbackPosting<At>(p: {
  commissionId: number;
  orderId: number;
  refundId: number;
  earnerUserId: number;
  amountFen: number;
  from: "frozen" | "available";
  at: At;
}): Posting<At> {
  const available = p.from === "available";
  return move(
    {
      key: `claw:${p.commissionId}:${p.refundId}`,
      kind: available ? "commission_clawed_back" : "commission_reversed",
      meta: { commissionId: p.commissionId, orderId: p.orderId, refundId: p.refundId },
      at: p.at,
    },
    available ? ledgerAccount.commissionAvailable(p.earnerUserId) : ledgerAccount.commissionFrozen,
    ledgerAccount.merchantRevenue,
    p.amountFen,
  );
}

/** Staff cancel a held commission: what is left of it goes back to revenue; null when nothing is left. */
export function buildCommissionCancelledPosting<At>(p: {
  commissionId: number;
  earnerUserId: number;
  amountFen: number;
  clawedBackFen: number;
  staffId: number;
  reason: string;
  at: At;
}): Posting<At> | null {
  return moveIfAny(
    {
      key: `cancel:${p.commissionId}`,
      kind: "commission_cancelled",
      meta: { commissionId: p.commissionId, staffId: p.staffId, reason: p.reason },
      at: p.at,
    },
    ledgerAccount.commissionFrozen,
    ledgerAccount.merchantRevenue,
    p.amountFen - p.clawedBackFen,
  );
}

/**
 * The provider paid a refund back: an after-sale's refund comes out of revenue, an automatic refund of
 * stray money out of refund clearing. Example: ¥30 after-sale via alipay → merchant_revenue +3000,
 * gateway_clearing:alipay −3000.
 */
export function buildRefundPosting<At>(p: {
  provider: string;
  outRefundNo: string;
  orderNo: string;
  afterSaleId: number | null;
  amountFen: number;
  at: At;
}): Posting<At> {
  return move(
    {
      key: `refund:${p.provider}:${p.outRefundNo}`,
      kind: "refund",
      meta: { orderNo: p.orderNo, afterSaleId: p.afterSaleId },
      at: p.at,
    },
    p.afterSaleId === null ? ledgerAccount.refundClearing : ledgerAccount.merchantRevenue,
    ledgerAccount.gatewayClearing(p.provider),
    p.amountFen,
  );
}

/** The shop balance's share of an after-sale refund goes back to the wallet. Example: ¥15 → merchant_revenue +1500, wallet:u:7 −1500. */
export function buildWalletRefundPosting<At>(p: {
  outRefundNo: string;
  orderNo: string;
  afterSaleId: number;
  buyerUserId: number;
  amountFen: number;
  at: At;
}): Posting<At> {
  return move(
    {
      key: `refund:${BALANCE_PROVIDER}:${p.outRefundNo}`,
      kind: "wallet_refund",
      meta: { orderNo: p.orderNo, afterSaleId: p.afterSaleId },
      at: p.at,
    },
    ledgerAccount.merchantRevenue,
    ledgerAccount.wallet(p.buyerUserId),
    p.amountFen,
  );
}

/** A withdrawal is requested: available → hold. Example: ¥50 → commission_available:u:3 +5000, withdrawal_hold:u:3 −5000. */
export function buildWithdrawalHeldPosting<At>(p: {
  withdrawalId: number;
  userId: number;
  amountFen: number;
  at: At;
}): Posting<At> {
  return move(
    {
      key: `wd:${p.withdrawalId}:hold`,
      kind: "withdrawal_hold",
      meta: { withdrawalId: p.withdrawalId },
      at: p.at,
    },
    ledgerAccount.commissionAvailable(p.userId),
    ledgerAccount.withdrawalHold(p.userId),
    p.amountFen,
  );
}

/**
 * A withdrawal is paid: the hold goes to the payout rail (or the shopper's own wallet for 商城余额) less
 * the fee. Example: ¥50 by wxpay, fee ¥0.30 → withdrawal_hold:u:3 +5000, payout_clearing:wxpay −4970, fees −30.
 */
export function buildWithdrawalPaidPosting<At>(p: {
  withdrawalId: number;
  userId: number;
  method: string;
  amountFen: number;
  feeFen: number;
  netFen: number;
  outBillNo: string;
  at: At;
}): Posting<At> {
  if (p.netFen + p.feeFen !== p.amountFen || p.netFen <= 0 || p.feeFen < 0)
    throw new RangeError(`wd:${p.withdrawalId}: net ${p.netFen} + fee ${p.feeFen} ≠ amount ${p.amountFen}`);
  const payee =
    p.method === "wallet" ? ledgerAccount.wallet(p.userId) : ledgerAccount.payoutClearing(p.method);
  return {
    key: `wd:${p.withdrawalId}:pay`,
    kind: "withdrawal_paid",
    meta: { withdrawalId: p.withdrawalId, outBillNo: p.outBillNo },
    at: p.at,
    entries: [
      { account: ledgerAccount.withdrawalHold(p.userId), amountFen: fen(p.amountFen) },
      { account: payee, amountFen: fen(-p.netFen) },
      ...(p.feeFen > 0 ? [{ account: ledgerAccount.fees, amountFen: fen(-p.feeFen) }] : []),
    ],
  };
}

/** A withdrawal is rejected (also after a failed payout): the hold returns to available. */
export function buildWithdrawalReleasedPosting<At>(p: {
  withdrawalId: number;
  userId: number;
  amountFen: number;
  reason: string;
  at: At;
}): Posting<At> {
  return move(
    {
      key: `wd:${p.withdrawalId}:release`,
      kind: "withdrawal_released",
      meta: { withdrawalId: p.withdrawalId, reason: p.reason },
      at: p.at,
    },
    ledgerAccount.withdrawalHold(p.userId),
    ledgerAccount.commissionAvailable(p.userId),
    p.amountFen,
  );
}

/** A first-order or invite reward, paid straight to available. Example: ¥5 → reward_expense +500, commission_available:u:3 −500. */
export function buildRewardPosting<At>(p: {
  rewardId: number;
  kind: "first_order" | "invite";
  earnerUserId: number;
  orderId: number;
  inviteeUserId: number | null;
  amountFen: number;
  at: At;
}): Posting<At> {
  return move(
    {
      key: `reward:${p.rewardId}`,
      kind: `reward_${p.kind}`,
      meta: { rewardId: p.rewardId, orderId: p.orderId, inviteeUserId: p.inviteeUserId },
      at: p.at,
    },
    ledgerAccount.rewardExpense,
    ledgerAccount.commissionAvailable(p.earnerUserId),
    p.amountFen,
  );
}

/**
 * A group buy's opener is paid the activity's bonus when the group forms, once per group.
 * Example: ¥50 → reward_expense +5000, commission_available:u:7 −5000.
 */
export function buildGroupLeaderBonusPosting<At>(p: {
  groupId: number;
  activityId: number;
  leaderUserId: number;
  amountFen: number;
  at: At;
}): Posting<At> {
  return move(
    {
      key: `group-bonus:${p.groupId}`,
      kind: "group_leader_bonus",
      meta: { groupId: p.groupId, activityId: p.activityId },
      at: p.at,
    },
    ledgerAccount.rewardExpense,
    ledgerAccount.commissionAvailable(p.leaderUserId),
    p.amountFen,
  );
}

/**
 * A dividend, bonus or contest run is paid (one run per kind and period, so the key makes a second payment of
 * the same period impossible): the merchant's dividend expense pays each earner's available balance; null
 * when nothing is paid. Example: static run 2026-12-03, ¥250 to u:3 and u:4 → dividend_expense +50000,
 * commission_available:u:3 −25000, commission_available:u:4 −25000.
 */
export function buildDividendPayoutPosting<At>(p: {
  runId: number;
  runKind: string;
  periodKey: string;
  lines: readonly { earnerUserId: number; amountFen: number }[];
  at: At;
}): Posting<At> | null {
  const perEarner = new Map<number, number>();
  for (const line of p.lines) {
    if (!Number.isSafeInteger(line.amountFen) || line.amountFen < 0)
      throw new RangeError(`run ${p.runId}: a payout line is a non-negative integer, got ${line.amountFen}`);
    if (line.amountFen > 0)
      perEarner.set(line.earnerUserId, (perEarner.get(line.earnerUserId) ?? 0) + line.amountFen);
  }
  let total = 0;
  const credits: LedgerLine[] = [];
  for (const [userId, amountFen] of [...perEarner].sort(([a], [b]) => a - b)) {
    total += amountFen;
    credits.push({ account: ledgerAccount.commissionAvailable(userId), amountFen: fen(-amountFen) });
  }
  if (total === 0) return null;
  return {
    key: `dividend:${p.runKind}:${p.periodKey}`,
    kind: `dividend_${p.runKind}`,
    meta: { runId: p.runId, periodKey: p.periodKey, earners: credits.length },
    at: p.at,
    entries: [{ account: ledgerAccount.dividendExpense, amountFen: fen(total) }, ...credits],
  };
}

/**
 * Dividends taken back after the turnover that funded them was refunded (only when the merchant switched
 * clawback on): each earner's available balance returns what the sweep takes, never more than it holds, to
 * the merchant's dividend expense. One posting per run per take; the key carries the run's total taken after
 * it, which only rises, so the same take is never posted twice. Null when nothing is taken. Example: team run
 * 2026-11, ¥3 from u:3 and ¥2 from u:4, ¥5 taken in all → commission_available:u:3 +300,
 * commission_available:u:4 +200, dividend_expense −500, key dividend-claw:team:2026-11:500.
 */
export function buildDividendClawbackPosting<At>(p: {
  runId: number;
  runKind: string;
  periodKey: string;
  /** What the run's clawbacks will have taken in all once this posting is made. */
  takenTotalAfterFen: number;
  lines: readonly { earnerUserId: number; amountFen: number }[];
  at: At;
}): Posting<At> | null {
  let total = 0;
  const debits: LedgerLine[] = [];
  for (const line of [...p.lines].sort((a, b) => a.earnerUserId - b.earnerUserId)) {
    if (!Number.isSafeInteger(line.amountFen) || line.amountFen < 0)
      throw new RangeError(
        `run ${p.runId}: a clawback line is a non-negative integer, got ${line.amountFen}`,
      );
    if (line.amountFen === 0) continue;
    total += line.amountFen;
    debits.push({
      account: ledgerAccount.commissionAvailable(line.earnerUserId),
      amountFen: fen(line.amountFen),
    });
  }
  if (total === 0) return null;
  return {
    key: `dividend-claw:${p.runKind}:${p.periodKey}:${p.takenTotalAfterFen}`,
    kind: "dividend_clawback",
    meta: {
      runId: p.runId,
      periodKey: p.periodKey,
      earners: debits.length,
      takenTotalAfterFen: p.takenTotalAfterFen,
    },
    at: p.at,
    entries: [...debits, { account: ledgerAccount.dividendExpense, amountFen: fen(-total) }],
  };
}
