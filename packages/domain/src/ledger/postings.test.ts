import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  buildClawbackPosting,
  buildCommissionCancelledPosting,
  buildCommissionFrozenPosting,
  buildCommissionReleasedPosting,
  buildDividendClawbackPosting,
  buildGroupLeaderBonusPosting,
  buildPaymentPosting,
  buildRefundPosting,
  buildReleasedFoldedPosting,
  buildRewardPosting,
  buildWalletHoldPosting,
  buildWalletPayPosting,
  buildWalletRefundPosting,
  buildWalletReleasePosting,
  buildWithdrawalHeldPosting,
  buildWithdrawalPaidPosting,
  buildWithdrawalReleasedPosting,
  type Posting,
} from "./postings.ts";

// the domain carries the caller's instant through untouched; any value stands for it here
const at = "2026-11-23T02:00:00.000Z";
/** A posting as the table reads it: key, then each line "account ±fen". */
const lines = (p: Posting<string> | null) =>
  p && {
    key: p.key,
    kind: p.kind,
    lines: p.entries.map((e) => `${e.account} ${e.amountFen > 0 ? "+" : ""}${e.amountFen}`),
  };

describe("the ledger lines of each money event", () => {
  test.each([
    {
      label: "payment ¥100 via WeChat",
      posting: buildPaymentPosting({
        provider: "wxpay",
        transactionId: "T1",
        orderNo: "N1",
        buyerUserId: 7,
        amountFen: 10000,
        stray: false,
        at,
      }),
      expected: {
        key: "pay:wxpay:T1",
        kind: "payment",
        lines: ["gateway_clearing:wxpay +10000", "merchant_revenue -10000"],
      },
    },
    {
      label: "payment ¥100 for a closed order: held for the refund",
      posting: buildPaymentPosting({
        provider: "alipay",
        transactionId: "T2",
        orderNo: "N1",
        buyerUserId: 7,
        amountFen: 10000,
        stray: true,
        at,
      }),
      expected: {
        key: "pay:alipay:T2",
        kind: "payment",
        lines: ["gateway_clearing:alipay +10000", "refund_clearing -10000"],
      },
    },
    {
      label: "whole order ¥80 paid from the shop balance",
      posting: buildPaymentPosting({
        provider: "balance",
        transactionId: "BALN1",
        orderNo: "N1",
        buyerUserId: 7,
        amountFen: 8000,
        stray: false,
        at,
      }),
      expected: {
        key: "pay:balance:BALN1",
        kind: "payment",
        lines: ["wallet_hold:u:7 +8000", "merchant_revenue -8000"],
      },
    },
    {
      label: "wallet pay: ¥30 balance part of a provider-paid order",
      posting: buildWalletPayPosting({ orderNo: "N1", buyerUserId: 7, amountFen: 3000, at }),
      expected: {
        key: "pay:balance:BALN1",
        kind: "payment",
        lines: ["wallet_hold:u:7 +3000", "merchant_revenue -3000"],
      },
    },
    {
      label: "wallet hold ¥30 for an unpaid order",
      posting: buildWalletHoldPosting({ orderNo: "N1", buyerUserId: 7, amountFen: 3000, at }),
      expected: {
        key: "wallet:hold:N1",
        kind: "wallet_hold",
        lines: ["wallet:u:7 +3000", "wallet_hold:u:7 -3000"],
      },
    },
    {
      label: "hold release ¥30 when the unpaid order closes",
      posting: buildWalletReleasePosting({ orderNo: "N1", buyerUserId: 7, heldFen: 3000, at }),
      expected: {
        key: "wallet:release:N1",
        kind: "wallet_release",
        lines: ["wallet_hold:u:7 +3000", "wallet:u:7 -3000"],
      },
    },
    {
      label: "hold release of an order that held nothing",
      posting: buildWalletReleasePosting({ orderNo: "N1", buyerUserId: 7, heldFen: 0, at }),
      expected: null,
    },
    {
      label: "commission ¥10 frozen at level 1",
      posting: buildCommissionFrozenPosting({
        orderId: 1,
        orderItemId: 11,
        level: 1,
        earnerUserId: 3,
        amountFen: 1000,
        at,
      }),
      expected: {
        key: "comm:11:L1",
        kind: "commission_frozen",
        lines: ["merchant_revenue +1000", "commission_frozen -1000"],
      },
    },
    {
      label: "commission ¥10 released after ¥3.34 was clawed back",
      posting: buildCommissionReleasedPosting({
        commissionId: 5,
        orderId: 1,
        earnerUserId: 3,
        amountFen: 1000,
        clawedBackFen: 334,
        at,
      }),
      expected: {
        key: "settle:5",
        kind: "commission_settled",
        lines: ["commission_frozen +666", "commission_available:u:3 -666"],
      },
    },
    {
      label: "commission wholly clawed back releases nothing",
      posting: buildCommissionReleasedPosting({
        commissionId: 5,
        orderId: 1,
        earnerUserId: 3,
        amountFen: 1000,
        clawedBackFen: 1000,
        at,
      }),
      expected: null,
    },
    {
      label: "refund before settlement reverses ¥3.34 from frozen",
      posting: buildClawbackPosting({
        commissionId: 5,
        orderId: 1,
        refundId: 9,
        earnerUserId: 3,
        amountFen: 334,
        from: "frozen",
        at,
      }),
      expected: {
        key: "claw:5:9",
        kind: "commission_reversed",
        lines: ["commission_frozen +334", "merchant_revenue -334"],
      },
    },
    {
      label: "refund after settlement claws ¥3.34 from available (debt allowed)",
      posting: buildClawbackPosting({
        commissionId: 5,
        orderId: 1,
        refundId: 9,
        earnerUserId: 3,
        amountFen: 334,
        from: "available",
        at,
      }),
      expected: {
        key: "claw:5:9",
        kind: "commission_clawed_back",
        lines: ["commission_available:u:3 +334", "merchant_revenue -334"],
      },
    },
    {
      label: "staff cancel a held ¥10 commission",
      posting: buildCommissionCancelledPosting({
        commissionId: 5,
        earnerUserId: 3,
        amountFen: 1000,
        clawedBackFen: 0,
        staffId: 2,
        reason: "fraud",
        at,
      }),
      expected: {
        key: "cancel:5",
        kind: "commission_cancelled",
        lines: ["commission_frozen +1000", "merchant_revenue -1000"],
      },
    },
    {
      label: "staff cancel a held commission a refund already took",
      posting: buildCommissionCancelledPosting({
        commissionId: 5,
        earnerUserId: 3,
        amountFen: 1000,
        clawedBackFen: 1000,
        staffId: 2,
        reason: "fraud",
        at,
      }),
      expected: null,
    },
    {
      label: "after-sale refund ¥30 to the provider",
      posting: buildRefundPosting({
        provider: "alipay",
        outRefundNo: "RF1A1",
        orderNo: "N1",
        afterSaleId: 1,
        amountFen: 3000,
        at,
      }),
      expected: {
        key: "refund:alipay:RF1A1",
        kind: "refund",
        lines: ["merchant_revenue +3000", "gateway_clearing:alipay -3000"],
      },
    },
    {
      label: "automatic refund of ¥100 stray money",
      posting: buildRefundPosting({
        provider: "wxpay",
        outRefundNo: "RFTT2",
        orderNo: "N1",
        afterSaleId: null,
        amountFen: 10000,
        at,
      }),
      expected: {
        key: "refund:wxpay:RFTT2",
        kind: "refund",
        lines: ["refund_clearing +10000", "gateway_clearing:wxpay -10000"],
      },
    },
    {
      label: "after-sale refund ¥15 to the shop balance",
      posting: buildWalletRefundPosting({
        outRefundNo: "RF1W",
        orderNo: "N1",
        afterSaleId: 1,
        buyerUserId: 7,
        amountFen: 1500,
        at,
      }),
      expected: {
        key: "refund:balance:RF1W",
        kind: "wallet_refund",
        lines: ["merchant_revenue +1500", "wallet:u:7 -1500"],
      },
    },
    {
      label: "u:7's released ¥13 and ¥5 folded into available before a withdrawal",
      posting: buildReleasedFoldedPosting({
        earnerUserId: 7,
        amountFen: 1800,
        throughTransactionId: 42,
        releases: 2,
        at,
      }),
      expected: {
        key: "fold:u:7:42",
        kind: "commission_released_folded",
        lines: ["commission_released +1800", "commission_available:u:7 -1800"],
      },
    },
    {
      label: "withdrawal ¥50 held",
      posting: buildWithdrawalHeldPosting({ withdrawalId: 4, userId: 3, amountFen: 5000, at }),
      expected: {
        key: "wd:4:hold",
        kind: "withdrawal_hold",
        lines: ["commission_available:u:3 +5000", "withdrawal_hold:u:3 -5000"],
      },
    },
    {
      label: "withdrawal ¥50 paid by WeChat, fee ¥0.30",
      posting: buildWithdrawalPaidPosting({
        withdrawalId: 4,
        userId: 3,
        method: "wxpay",
        amountFen: 5000,
        feeFen: 30,
        netFen: 4970,
        outBillNo: "B",
        at,
      }),
      expected: {
        key: "wd:4:pay",
        kind: "withdrawal_paid",
        lines: ["withdrawal_hold:u:3 +5000", "payout_clearing:wxpay -4970", "fees -30"],
      },
    },
    {
      label: "withdrawal ¥50 paid into the shop balance, no fee",
      posting: buildWithdrawalPaidPosting({
        withdrawalId: 4,
        userId: 3,
        method: "wallet",
        amountFen: 5000,
        feeFen: 0,
        netFen: 5000,
        outBillNo: "B",
        at,
      }),
      expected: {
        key: "wd:4:pay",
        kind: "withdrawal_paid",
        lines: ["withdrawal_hold:u:3 +5000", "wallet:u:3 -5000"],
      },
    },
    {
      label: "withdrawal ¥50 rejected (or given up after a failed payout): hold back to available",
      posting: buildWithdrawalReleasedPosting({
        withdrawalId: 4,
        userId: 3,
        amountFen: 5000,
        reason: "no",
        at,
      }),
      expected: {
        key: "wd:4:release",
        kind: "withdrawal_released",
        lines: ["withdrawal_hold:u:3 +5000", "commission_available:u:3 -5000"],
      },
    },
    {
      label: "first-order reward ¥5",
      posting: buildRewardPosting({
        rewardId: 8,
        kind: "first_order",
        earnerUserId: 3,
        orderId: 1,
        inviteeUserId: null,
        amountFen: 500,
        at,
      }),
      expected: {
        key: "reward:8",
        kind: "reward_first_order",
        lines: ["reward_expense +500", "commission_available:u:3 -500"],
      },
    },
    {
      label: "group-buy opener bonus ¥50 when the five-person group forms",
      posting: buildGroupLeaderBonusPosting({
        groupId: 12,
        activityId: 2,
        leaderUserId: 7,
        amountFen: 5000,
        at,
      }),
      expected: {
        key: "group-bonus:12",
        kind: "group_leader_bonus",
        lines: ["reward_expense +5000", "commission_available:u:7 -5000"],
      },
    },
    {
      label: "dividend clawback after refund: ¥3 from u:3 and ¥2 from u:4, ¥5 taken from the team run in all",
      posting: buildDividendClawbackPosting({
        runId: 4,
        runKind: "team",
        periodKey: "2026-11",
        takenTotalAfterFen: 500,
        lines: [
          { earnerUserId: 4, amountFen: 200 },
          { earnerUserId: 3, amountFen: 300 },
          { earnerUserId: 5, amountFen: 0 },
        ],
        at,
      }),
      expected: {
        key: "dividend-claw:team:2026-11:500",
        kind: "dividend_clawback",
        lines: ["commission_available:u:3 +300", "commission_available:u:4 +200", "dividend_expense -500"],
      },
    },
  ])("$label", ({ posting, expected }) => {
    expect(lines(posting)).toEqual(expected);
  });

  test("a posting that would move nothing or a fraction of a fen is a caller bug", () => {
    expect(() =>
      buildCommissionFrozenPosting({
        orderId: 1,
        orderItemId: 1,
        level: 1,
        earnerUserId: 3,
        amountFen: 0,
        at,
      }),
    ).toThrow(RangeError);
    expect(() => buildWithdrawalHeldPosting({ withdrawalId: 1, userId: 3, amountFen: 1.5, at })).toThrow(
      RangeError,
    );
    expect(() =>
      buildWithdrawalPaidPosting({
        withdrawalId: 1,
        userId: 3,
        method: "wxpay",
        amountFen: 100,
        feeFen: 10,
        netFen: 80,
        outBillNo: "B",
        at,
      }),
    ).toThrow(RangeError);
  });
});

const id = fc.integer({ min: 1, max: 1_000_000 });
const amount = fc.integer({ min: 0, max: 100_000_000 });
const positive = fc.integer({ min: 1, max: 100_000_000 });
const provider = fc.constantFrom("wxpay", "alipay", "sandbox", "balance");

/** Every event kind with arbitrary facts (zero amounts included where the event allows them). */
const anyPosting: fc.Arbitrary<Posting<string> | null> = fc.oneof(
  fc
    .record({
      provider,
      transactionId: fc.string({ minLength: 1 }),
      buyerUserId: id,
      amountFen: positive,
      stray: fc.boolean(),
    })
    .map((p) => buildPaymentPosting({ ...p, orderNo: "N", at })),
  fc
    .record({ buyerUserId: id, amountFen: positive })
    .map((p) => buildWalletPayPosting({ ...p, orderNo: "N", at })),
  fc
    .record({ buyerUserId: id, amountFen: positive })
    .map((p) => buildWalletHoldPosting({ ...p, orderNo: "N", at })),
  fc
    .record({ buyerUserId: id, heldFen: amount })
    .map((p) => buildWalletReleasePosting({ ...p, orderNo: "N", at })),
  fc
    .record({ orderItemId: id, level: fc.integer({ min: 0, max: 3 }), earnerUserId: id, amountFen: positive })
    .map((p) => buildCommissionFrozenPosting({ ...p, orderId: 1, at })),
  fc
    .tuple(id, id, positive)
    .chain(([commissionId, earnerUserId, amountFen]) =>
      fc.integer({ min: 0, max: amountFen }).map((clawedBackFen) => [
        buildCommissionReleasedPosting({
          commissionId,
          orderId: 1,
          earnerUserId,
          amountFen,
          clawedBackFen,
          at,
        }),
        buildCommissionCancelledPosting({
          commissionId,
          earnerUserId,
          amountFen,
          clawedBackFen,
          staffId: 1,
          reason: "r",
          at,
        }),
      ]),
    )
    .chain((pair) => fc.constantFrom(...pair)),
  fc
    .record({
      commissionId: id,
      refundId: id,
      earnerUserId: id,
      amountFen: positive,
      from: fc.constantFrom("frozen" as const, "available" as const),
    })
    .map((p) => buildClawbackPosting({ ...p, orderId: 1, at })),
  fc
    .record({ provider, amountFen: positive, afterSaleId: fc.option(id, { nil: null }) })
    .map((p) => buildRefundPosting({ ...p, outRefundNo: "R", orderNo: "N", at })),
  fc
    .record({ buyerUserId: id, amountFen: positive })
    .map((p) => buildWalletRefundPosting({ ...p, outRefundNo: "R", orderNo: "N", afterSaleId: 1, at })),
  fc
    .record({ withdrawalId: id, userId: id, amountFen: positive })
    .map((p) => buildWithdrawalHeldPosting({ ...p, at })),
  fc
    .record({ earnerUserId: id, amountFen: positive, throughTransactionId: id, releases: id })
    .map((p) => buildReleasedFoldedPosting({ ...p, at })),
  fc
    .tuple(id, id, positive, fc.constantFrom("wxpay", "alipay", "bank", "wallet"))
    .chain(([withdrawalId, userId, netFen, method]) =>
      amount.map((feeFen) =>
        buildWithdrawalPaidPosting({
          withdrawalId,
          userId,
          method,
          amountFen: netFen + feeFen,
          feeFen,
          netFen,
          outBillNo: "B",
          at,
        }),
      ),
    ),
  fc
    .record({ withdrawalId: id, userId: id, amountFen: positive })
    .map((p) => buildWithdrawalReleasedPosting({ ...p, reason: "r", at })),
  fc
    .record({
      rewardId: id,
      kind: fc.constantFrom("first_order" as const, "invite" as const),
      earnerUserId: id,
      amountFen: positive,
    })
    .map((p) => buildRewardPosting({ ...p, orderId: 1, inviteeUserId: null, at })),
);

describe("conservation", () => {
  test("every posting of every event sums to zero, has at least two lines and no zero or fractional line", () => {
    fc.assert(
      fc.property(anyPosting, (posting) => {
        if (posting === null) return;
        expect(posting.entries.length).toBeGreaterThanOrEqual(2);
        expect(posting.entries.reduce((sum, e) => sum + e.amountFen, 0)).toBe(0);
        for (const e of posting.entries) {
          expect(Number.isSafeInteger(e.amountFen)).toBe(true);
          expect(e.amountFen).not.toBe(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
