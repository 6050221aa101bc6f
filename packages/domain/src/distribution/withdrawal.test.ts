import { describe, expect, test } from "vitest";
import { bps, fen } from "../money.ts";
import {
  DEFAULT_WITHDRAWAL_RULES,
  decideWithdrawal,
  decideWithdrawalTransition,
  WITHDRAWAL_TRANSITIONS,
  type WithdrawalRequest,
  type WithdrawalStatus,
} from "./withdrawal.ts";

const rules = {
  ...DEFAULT_WITHDRAWAL_RULES,
  feeBps: bps(100),
  dailyMaxCount: 3,
  dailyMaxFen: fen(50000),
  autoApproveBelowFen: fen(5000),
};
const request = (more: Partial<WithdrawalRequest> = {}): WithdrawalRequest => ({
  rules,
  method: "wechat_api",
  amountFen: fen(10000),
  availableFen: fen(20000),
  today: { count: 0, amountFen: fen(0) },
  ...more,
});

describe("decideWithdrawal", () => {
  test.each([
    { label: "¥100 at 1% fee", r: request(), expected: "ok 10000/100/9900 review" },
    {
      label: "¥10.99 at 1% fee floors the fee",
      r: request({ amountFen: fen(1099) }),
      expected: "ok 1099/10/1089 auto",
    },
    { label: "exactly the minimum", r: request({ amountFen: fen(1000) }), expected: "ok 1000/10/990 auto" },
    {
      label: "¥50 is not below the ¥50 auto-approve line",
      r: request({ amountFen: fen(5000) }),
      expected: "ok 5000/50/4950 review",
    },
    { label: "bank not enabled", r: request({ method: "bank" }), expected: "WITHDRAWAL_METHOD_DISABLED" },
    { label: "zero", r: request({ amountFen: fen(0) }), expected: "WITHDRAWAL_AMOUNT_INVALID" },
    { label: "negative", r: request({ amountFen: fen(-100) }), expected: "WITHDRAWAL_AMOUNT_INVALID" },
    {
      label: "¥9.99 under the ¥10 minimum",
      r: request({ amountFen: fen(999) }),
      expected: "WITHDRAWAL_BELOW_MINIMUM",
    },
    {
      label: "more than available",
      r: request({ availableFen: fen(9999) }),
      expected: "INSUFFICIENT_BALANCE",
    },
    {
      label: "debt from a clawback",
      r: request({ availableFen: fen(-500) }),
      expected: "INSUFFICIENT_BALANCE",
    },
    {
      label: "fourth request today",
      r: request({ today: { count: 3, amountFen: fen(3000) } }),
      expected: "WITHDRAWAL_DAILY_COUNT_EXCEEDED",
    },
    {
      label: "over ¥500 today",
      r: request({ today: { count: 1, amountFen: fen(40001) } }),
      expected: "WITHDRAWAL_DAILY_AMOUNT_EXCEEDED",
    },
    {
      label: "exactly ¥500 today",
      r: request({ today: { count: 1, amountFen: fen(40000) } }),
      expected: "ok 10000/100/9900 review",
    },
  ])("$label → $expected", ({ r, expected }) => {
    const d = decideWithdrawal(r);
    const text =
      d.kind === "ok"
        ? `ok ${d.amountFen}/${d.feeFen}/${d.netFen} ${d.autoApprove ? "auto" : "review"}`
        : d.reason;
    expect(text).toBe(expected);
  });
});

describe("withdrawal status table", () => {
  const all = Object.keys(WITHDRAWAL_TRANSITIONS) as WithdrawalStatus[];
  const allowed = [
    "requested→approved none",
    "requested→rejected release_hold",
    "approved→paying none",
    "paying→paid pay_out",
    "paying→failed none",
    "failed→approved none",
    "failed→rejected release_hold",
  ].map((s) => s.split(" ")[0]);
  test.each(all.flatMap((from) => all.map((to) => ({ from, to }))))("$from → $to", ({ from, to }) => {
    expect(decideWithdrawalTransition(from, to).kind).toBe(
      allowed.includes(`${from}→${to}`) ? "ok" : "refuse",
    );
  });
  test.each([
    { to: "rejected" as const, from: "requested" as const, effect: "release_hold" },
    { to: "paid" as const, from: "paying" as const, effect: "pay_out" },
  ])("entering $to from $from → $effect", ({ from, to, effect }) => {
    expect(decideWithdrawalTransition(from, to)).toEqual({ kind: "ok", effect });
  });
});
