import { describe, expect, test } from "vitest";
import { planRunApproval } from "./plan-run-approval.ts";

const run = { id: 9, kind: "static", periodKey: "2026-12-03", status: "preview" as const };
const lines = [
  { userId: 4, amountFen: 25_000 },
  { userId: 3, amountFen: 25_000 },
  { userId: 5, amountFen: 0 },
];

describe("approving a dividend run", () => {
  test("a preview posts one transaction: dividend expense pays each earner's available balance", () => {
    const plan = planRunApproval({ run, lines, at: "t" });
    expect(plan.kind).toBe("post");
    if (plan.kind !== "post") return;
    expect(plan.paidFen).toBe(50_000);
    expect(plan.posting?.key).toBe("dividend:static:2026-12-03");
    expect(plan.posting?.entries.map((e) => `${e.account} ${e.amountFen}`)).toEqual([
      "dividend_expense 50000",
      "commission_available:u:3 -25000",
      "commission_available:u:4 -25000",
    ]);
    expect(plan.posting?.entries.reduce((s, e) => s + e.amountFen, 0)).toBe(0);
  });
  test("a run that pays nothing posts nothing", () => {
    const plan = planRunApproval({ run, lines: [{ userId: 1, amountFen: 0 }], at: "t" });
    expect(plan).toEqual({ kind: "post", posting: null, paidFen: 0 });
  });
  test.each([
    { status: "approved" as const, expected: { kind: "already_approved" } },
    { status: "discarded" as const, expected: { kind: "refuse", reason: "RUN_STATE_INVALID" } },
  ])("a $status run → $expected.kind", ({ status, expected }) => {
    expect(planRunApproval({ run: { ...run, status }, lines, at: "t" })).toEqual(expected);
  });
});
