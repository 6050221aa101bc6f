import { describe, expect, test } from "vitest";
import {
  COMMISSION_TRANSITIONS,
  type CommissionStatus,
  commissionReleaseDueAt,
  decideCommissionSettlement,
  decideCommissionTransition,
} from "./commission-state.ts";

const DAY = 86_400_000;

describe("commission status table", () => {
  const all = Object.keys(COMMISSION_TRANSITIONS) as CommissionStatus[];
  const allowed = ["frozen→settled", "frozen→cancelled", "frozen→held", "held→frozen", "held→cancelled"];
  test.each(all.flatMap((from) => all.map((to) => ({ from, to }))))("$from → $to", ({ from, to }) => {
    expect(decideCommissionTransition(from, to).kind).toBe(
      allowed.includes(`${from}→${to}`) ? "ok" : "refuse",
    );
  });
});

describe("commissionReleaseDueAt", () => {
  test.each([
    {
      label: "7 days after receipt",
      release: { mode: "after_receipt", days: 7 },
      paid: 0,
      received: 3 * DAY,
      expected: 10 * DAY,
    },
    {
      label: "at receipt (0 days)",
      release: { mode: "after_receipt", days: 0 },
      paid: 0,
      received: 3 * DAY,
      expected: 3 * DAY,
    },
    {
      label: "not yet received",
      release: { mode: "after_receipt", days: 7 },
      paid: 0,
      received: null,
      expected: null,
    },
    {
      label: "7 days after payment",
      release: { mode: "after_payment", days: 7 },
      paid: DAY,
      received: null,
      expected: 8 * DAY,
    },
  ] as const)("$label", ({ release, paid, received, expected }) => {
    expect(commissionReleaseDueAt({ release }, { paidAtMs: paid, receivedAtMs: received })).toBe(expected);
  });
});

describe("decideCommissionSettlement", () => {
  test.each([
    { label: "due now", status: "frozen", due: 100, open: false, expected: "settle" },
    { label: "due in 1 ms", status: "frozen", due: 101, open: false, expected: "wait:NOT_DUE" },
    {
      label: "not received yet",
      status: "frozen",
      due: null,
      open: false,
      expected: "wait:RELEASE_DATE_UNKNOWN",
    },
    { label: "return open", status: "frozen", due: 50, open: true, expected: "wait:AFTER_SALE_OPEN" },
    { label: "held by fraud review", status: "held", due: 50, open: false, expected: "skip:NOT_FROZEN" },
    {
      label: "already settled (second sweeper)",
      status: "settled",
      due: 50,
      open: false,
      expected: "skip:NOT_FROZEN",
    },
  ] as const)("$label → $expected", ({ status, due, open, expected }) => {
    const d = decideCommissionSettlement({ status, dueAtMs: due, nowMs: 100, hasOpenAfterSale: open });
    expect(d.kind === "settle" ? "settle" : `${d.kind}:${d.reason}`).toBe(expected);
  });
});
