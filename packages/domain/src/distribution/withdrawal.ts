// Withdrawal rules (提现): method, minimum, fee, daily count and amount limits and auto-approval,
// and the withdrawal status table. The balance guard itself is the server's conditional UPDATE.

import { applyBps, type Bps, bps, type Fen, fen } from "../money.ts";

export const WITHDRAWAL_METHODS = [
  "wallet",
  "bank",
  "wechat_qr",
  "alipay_qr",
  "wechat_api",
  "alipay_api",
] as const;
export type WithdrawalMethod = (typeof WITHDRAWAL_METHODS)[number];

export interface WithdrawalRules {
  methods: readonly WithdrawalMethod[];
  /** Default 1000 fen (¥10). */
  minimumFen: Fen;
  /** Fee kept by the merchant, floored; the transfer is amount − fee. */
  feeBps: Bps;
  /** null = no limit. */
  dailyMaxCount: number | null;
  dailyMaxFen: Fen | null;
  /** Requests strictly below this amount are approved without review; null = always review. */
  autoApproveBelowFen: Fen | null;
}

export interface WithdrawalRequest {
  rules: WithdrawalRules;
  method: WithdrawalMethod;
  amountFen: Fen;
  availableFen: Fen;
  /** This distributor's requests today (business day), not counting rejected ones. */
  today: { count: number; amountFen: Fen };
}

export type WithdrawalRefusal =
  | "WITHDRAWAL_METHOD_DISABLED"
  | "WITHDRAWAL_AMOUNT_INVALID"
  | "WITHDRAWAL_BELOW_MINIMUM"
  | "INSUFFICIENT_BALANCE"
  | "WITHDRAWAL_DAILY_COUNT_EXCEEDED"
  | "WITHDRAWAL_DAILY_AMOUNT_EXCEEDED";

export type WithdrawalDecision =
  | { kind: "ok"; amountFen: Fen; feeFen: Fen; netFen: Fen; autoApprove: boolean }
  | { kind: "refuse"; reason: WithdrawalRefusal };

/**
 * Checks a withdrawal request against the rules.
 * Example: ¥100 at a 1% fee → { kind: "ok", amountFen: 10000, feeFen: 100, netFen: 9900 }.
 */
export function decideWithdrawal(request: WithdrawalRequest): WithdrawalDecision {
  const { rules, amountFen, today } = request;
  const refuse = (reason: WithdrawalRefusal): WithdrawalDecision => ({ kind: "refuse", reason });
  if (!rules.methods.includes(request.method)) return refuse("WITHDRAWAL_METHOD_DISABLED");
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) return refuse("WITHDRAWAL_AMOUNT_INVALID");
  if (amountFen < rules.minimumFen) return refuse("WITHDRAWAL_BELOW_MINIMUM");
  // A negative available balance (clawback debt) refuses every amount.
  if (request.availableFen < amountFen) return refuse("INSUFFICIENT_BALANCE");
  if (rules.dailyMaxCount !== null && today.count + 1 > rules.dailyMaxCount) {
    return refuse("WITHDRAWAL_DAILY_COUNT_EXCEEDED");
  }
  if (rules.dailyMaxFen !== null && today.amountFen + amountFen > rules.dailyMaxFen) {
    return refuse("WITHDRAWAL_DAILY_AMOUNT_EXCEEDED");
  }
  const feeFen = applyBps(amountFen, rules.feeBps);
  const autoApprove = rules.autoApproveBelowFen !== null && amountFen < rules.autoApproveBelowFen;
  return { kind: "ok", amountFen, feeFen, netFen: fen(amountFen - feeFen), autoApprove };
}

export type WithdrawalStatus = "requested" | "approved" | "paying" | "paid" | "failed" | "rejected";

/** What the ledger does on entering a status (keys `wd:<id>:hold|pay|release`). */
export type WithdrawalLedgerEffect = "hold" | "none" | "pay_out" | "release_hold";

/**
 * Allowed moves. The hold taken on request stays through a failed payout, so finance can approve it
 * again (a new attempt with the same transfer number) or reject it (the hold returns to available).
 */
export const WITHDRAWAL_TRANSITIONS: Readonly<Record<WithdrawalStatus, readonly WithdrawalStatus[]>> = {
  requested: ["approved", "rejected"],
  approved: ["paying"],
  paying: ["paid", "failed"],
  failed: ["approved", "rejected"],
  paid: [],
  rejected: [],
};

export const WITHDRAWAL_LEDGER_EFFECT: Readonly<Record<WithdrawalStatus, WithdrawalLedgerEffect>> = {
  requested: "hold",
  approved: "none",
  paying: "none",
  paid: "pay_out",
  failed: "none",
  rejected: "release_hold",
};

/**
 * Whether a withdrawal may move from one status to another, and what the ledger does.
 * Example: decideWithdrawalTransition("paid", "failed") → refuse WITHDRAWAL_STATE_INVALID.
 */
export function decideWithdrawalTransition(
  from: WithdrawalStatus,
  to: WithdrawalStatus,
): { kind: "ok"; effect: WithdrawalLedgerEffect } | { kind: "refuse"; reason: "WITHDRAWAL_STATE_INVALID" } {
  return WITHDRAWAL_TRANSITIONS[from].includes(to)
    ? { kind: "ok", effect: WITHDRAWAL_LEDGER_EFFECT[to] }
    : { kind: "refuse", reason: "WITHDRAWAL_STATE_INVALID" };
}

export const DEFAULT_WITHDRAWAL_RULES: WithdrawalRules = {
  methods: ["wallet", "wechat_api"],
  minimumFen: fen(1000),
  feeBps: bps(0),
  dailyMaxCount: null,
  dailyMaxFen: null,
  autoApproveBelowFen: null,
};
