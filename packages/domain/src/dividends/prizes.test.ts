import { describe, expect, test } from "vitest";
import { validateContest } from "./contest.ts";
import { prizeGrantKey, prizeGrantOf, prizeStatusOf } from "./prizes.ts";
import { validateVolumeBonusRule } from "./volume-bonus.ts";

describe("prizes in kind", () => {
  test.each([
    { prize: { item: "5 元券", couponTemplateId: 3 }, grant: { kind: "coupon", templateId: 3 } },
    { prize: { item: "¥199 体验课", skuId: 42 }, grant: { kind: "order", skuId: 42 } },
    { prize: { item: "蓝牙音箱" }, grant: { kind: "physical" } },
    { prize: { item: null }, grant: { kind: "none" } },
  ])("$prize.item → $grant.kind", ({ prize, grant }) => {
    expect(prizeGrantOf(prize)).toEqual(grant);
  });

  test("a contest prize in kind needs its label and names one thing; a bonus rule likewise", () => {
    const week = { metric: "sales" as const, startsAtMs: 0, endsAtMs: 7 };
    const refuse = (prize: object) =>
      validateContest({ ...week, prizes: [{ rank: 1, cashFen: null, item: null, ...prize }] }, []);
    expect(refuse({ couponTemplateId: 3 })).toMatchObject({ kind: "refuse", reason: "CONTEST_INVALID" });
    expect(refuse({ item: "x", couponTemplateId: 3, skuId: 4 })).toMatchObject({ kind: "refuse" });
    expect(refuse({ item: "5 元券", couponTemplateId: 3 })).toEqual({ kind: "ok" });
    const rule = { kind: "in_kind" as const, minReferredBuyers: 2, prizeLabel: "券", couponTemplateId: 3 };
    expect(validateVolumeBonusRule(rule)).toEqual({ kind: "ok" });
    expect(validateVolumeBonusRule({ ...rule, skuId: 4 })).toEqual({
      kind: "refuse",
      reason: "TIERS_INVALID",
    });
  });

  test("one key per run period, line and winner; the status a winner sees", () => {
    expect(prizeGrantKey({ kind: "contest", periodKey: "contest-7" }, 1, 42)).toBe(
      "dividend:contest:contest-7:1:u:42",
    );
    expect(
      [
        { runStatus: "preview", grantRef: null, sentAtMs: null },
        { runStatus: "approved", grantRef: "coupon:9", sentAtMs: null },
        { runStatus: "approved", grantRef: null, sentAtMs: null },
        { runStatus: "approved", grantRef: null, sentAtMs: 5 },
        { runStatus: "discarded", grantRef: null, sentAtMs: null },
      ].map((l) => prizeStatusOf(l as Parameters<typeof prizeStatusOf>[0])),
    ).toEqual(["awaiting_approval", "granted", "to_send", "sent", "not_granted"]);
  });
});
