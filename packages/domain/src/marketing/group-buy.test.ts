import { describe, expect, test } from "vitest";
import { fen } from "../money.ts";
import {
  computeGroupUnitPrice,
  decideGroupExpiry,
  decideGroupFormed,
  decideJoinGroup,
  decideOpenGroup,
  groupBuyArgs,
  planGroupLeaderBonus,
} from "./group-buy.ts";
import { computePricing } from "./pricing-engine.ts";

const NOW = 1_796_277_600_000;
const HOUR = 3_600_000;
/** The seed's smart band: ¥199, three people pay ¥149 each. */
const band = groupBuyArgs.parse({
  items: [{ skuId: "band", groupPriceFen: 14_900 }],
  groupSize: 3,
  timeLimitMinutes: 24 * 60,
});
/** The seed's coding course: a five-person group at 90% of ¥999, ¥50 to the opener. */
const course = groupBuyArgs.parse({
  items: [{ skuId: "course", groupPriceFen: 89_910 }],
  groupSize: 5,
  timeLimitMinutes: 24 * 60,
  leaderBonusFen: 5_000,
  perPersonLimit: 1,
});

describe("what a member pays", () => {
  test.each([
    {
      label: "¥199 band in a three-person group → ¥149",
      args: band,
      sku: "band",
      leader: false,
      expected: 14_900,
    },
    {
      label: "five-person course group at 90% of ¥999 → ¥899.10",
      args: course,
      sku: "course",
      leader: true,
      expected: 89_910,
    },
    {
      label: "a ¥10 leader discount for the opener only → ¥139",
      args: { ...band, leaderDiscountFen: 1_000 },
      sku: "band",
      leader: true,
      expected: 13_900,
    },
    {
      label: "a leader discount above the price stops at ¥0",
      args: { ...band, leaderDiscountFen: 99_999 },
      sku: "band",
      leader: true,
      expected: 0,
    },
    {
      label: "a SKU outside the activity has no group price",
      args: band,
      sku: "other",
      leader: false,
      expected: null,
    },
  ])("$label", ({ args, sku, leader, expected }) => {
    expect(computeGroupUnitPrice(args, sku, leader)).toBe(expected);
  });

  test("the engine prices a group member's ¥199 band at ¥149 under the group_buy switch", () => {
    const priced = computePricing({
      lines: [
        {
          skuId: "band",
          productId: "p1",
          categoryId: null,
          unitPriceFen: fen(19_900),
          quantity: 1,
          freightTemplateId: null,
          weightGrams: 0,
        },
      ],
      shopper: { userId: "u2", paidOrderCount: 0 },
      nowMs: NOW,
      activities: [
        {
          id: "g1",
          kind: "group_buy",
          label: "三人团",
          startsAtMs: NOW - HOUR,
          endsAtMs: NOW + HOUR,
          args: band,
        },
      ],
      coupon: null,
      points: null,
      freight: { templates: [], regionCode: null },
    });
    expect(priced).toMatchObject({ kind: "priced", payableFen: 14_900, activityKind: "group_buy" });
  });
});

const window = { startsAtMs: NOW - HOUR, endsAtMs: NOW + HOUR };
const openGroup = (members: string[], size = 3) => ({
  status: "open" as const,
  size,
  expiresAtMs: NOW + HOUR,
  memberUserIds: members,
});

describe("opening and joining", () => {
  test.each([
    { label: "a running activity opens", over: {}, expected: { ok: true } },
    {
      label: "before the window",
      over: { nowMs: NOW - 2 * HOUR },
      expected: { ok: false, code: "GROUP_BUY_NOT_RUNNING" },
    },
    {
      label: "a SKU outside it",
      over: { skuId: "x" },
      expected: { ok: false, code: "GROUP_SKU_NOT_IN_ACTIVITY" },
    },
    {
      label: "the course allows one group per person",
      over: { args: course, skuId: "course", shopperGroups: 1 },
      expected: { ok: false, code: "GROUP_LIMIT_EXCEEDED" },
    },
  ])("open: $label", ({ over, expected }) => {
    expect(
      decideOpenGroup({ args: band, window, nowMs: NOW, skuId: "band", shopperGroups: 0, ...over }),
    ).toEqual(expected);
  });

  test.each([
    { label: "a second member joins", group: openGroup(["u1"]), expected: { ok: true } },
    {
      label: "the opener joins their own group again",
      group: openGroup(["u1", "u2"]),
      joiner: "u1",
      expected: { ok: false, code: "GROUP_ALREADY_JOINED" },
    },
    {
      label: "a full group",
      group: openGroup(["u1", "u3", "u4"]),
      expected: { ok: false, code: "GROUP_FULL" },
    },
    {
      label: "an expired group",
      group: { ...openGroup(["u1"]), expiresAtMs: NOW },
      expected: { ok: false, code: "GROUP_EXPIRED" },
    },
    {
      label: "a formed group",
      group: { ...openGroup(["u1"]), status: "formed" as const },
      expected: { ok: false, code: "GROUP_NOT_OPEN" },
    },
  ])("join: $label", ({ group, joiner, expected }) => {
    expect(
      decideJoinGroup({
        args: band,
        group,
        nowMs: NOW,
        joinerUserId: joiner ?? "u2",
        skuId: "band",
        shopperGroups: 0,
      }),
    ).toEqual(expected);
  });

  test.each([
    { label: "two of three paid: still open", paid: 2, expected: false },
    { label: "three of three paid: formed", paid: 3, expected: true },
  ])("$label", ({ paid, expected }) => {
    expect(decideGroupFormed({ status: "open", size: 3, paidMembers: paid })).toBe(expected);
  });
});

describe("when the time is up", () => {
  const due = { status: "open" as const, size: 3, expiresAtMs: NOW };
  test.each([
    {
      label: "not yet due",
      group: { ...due, expiresAtMs: NOW + 1 },
      fill: 0,
      paid: [1],
      expected: { kind: "wait" },
    },
    {
      label: "two of three paid, no virtual fill: both refunded",
      group: due,
      fill: 0,
      paid: [7, 5],
      expected: { kind: "fail", refundOrderIds: [5, 7] },
    },
    {
      label: "two of three paid, fill up to one: formed",
      group: due,
      fill: 1,
      paid: [5, 7],
      expected: { kind: "form", virtualMembers: 1 },
    },
    {
      label: "one of three paid, fill up to one: refunded",
      group: due,
      fill: 1,
      paid: [5],
      expected: { kind: "fail", refundOrderIds: [5] },
    },
    {
      label: "nobody paid, fill up to three: nothing to form",
      group: due,
      fill: 3,
      paid: [],
      expected: { kind: "fail", refundOrderIds: [] },
    },
    {
      label: "already formed: nothing",
      group: { ...due, status: "formed" as const },
      fill: 0,
      paid: [1, 2, 3],
      expected: { kind: "wait" },
    },
  ])("$label", ({ group, fill, paid, expected }) => {
    expect(
      decideGroupExpiry({ args: { virtualFillMaxMissing: fill }, group, nowMs: NOW, paidOrderIds: paid }),
    ).toEqual(expected);
  });
});

describe("the opener's bonus", () => {
  const facts = {
    groupId: 9,
    activityId: 2,
    leaderUserId: 7,
    leaderIsActiveDistributor: true,
    bonusFen: 5_000,
    virtualMembers: 0,
    at: NOW,
  };
  test.each([
    { label: "the course group forms: ¥50 to the opener", over: {}, expected: "pay" },
    { label: "no bonus set", over: { bonusFen: 0 }, expected: "NO_BONUS" },
    {
      label: "a shopper who is not a distributor",
      over: { leaderIsActiveDistributor: false },
      expected: "NOT_ACTIVE_DISTRIBUTOR",
    },
    { label: "a group completed by virtual fill", over: { virtualMembers: 1 }, expected: "VIRTUAL_MEMBERS" },
  ])("$label", ({ over, expected }) => {
    const plan = planGroupLeaderBonus({ ...facts, ...over });
    expect(plan.kind === "pay" ? "pay" : plan.reason).toBe(expected);
    if (plan.kind === "pay") expect(plan.posting.entries.map((e) => e.amountFen)).toEqual([5_000, -5_000]);
  });
});
