import { describe, expect, test } from "vitest";
import { defaultCommissionPlan } from "../distribution/plan.ts";
import type { Posting } from "../ledger/postings.ts";
import { buildOrderSnapshot, parseOrderSnapshot } from "./order-snapshot.ts";
import { type PaymentFacts, planPayment } from "./plan-payment.ts";

const DAY = 86_400_000;
const at = "2026-11-23T02:00:00.000Z";
const atMs = 1_795_400_000_000;

/** B (user 2) refers the buyer (user 9); A (user 1) refers B. ¥100 item at 10% / 5%, release 7 days after payment. */
const snapshot = parseOrderSnapshot(
  buildOrderSnapshot({
    plan: defaultCommissionPlan({ release: { mode: "after_payment", days: 7 } }),
    chain: [
      { userId: "2", isActiveDistributor: true },
      { userId: "1", isActiveDistributor: true },
    ],
    buyer: { userId: "9", isActiveDistributor: false },
    items: [{ orderItemId: 11, productId: 5, paidFen: 10000, listFen: 10000, quantity: 1 }],
    activityKind: null,
  }),
);

const pending = {
  orderId: 1,
  orderNo: "N1",
  buyerUserId: 9,
  status: "pending_payment",
  paid: false,
  paymentTransactionId: null,
  payableFen: 10000,
  walletFen: 0,
};

const facts = (
  order: Partial<PaymentFacts<string>["order"]>,
  event: Partial<PaymentFacts<string>["event"]> = {},
  withSnapshot = true,
): PaymentFacts<string> => ({
  order: { ...pending, ...order },
  event: { provider: "wxpay", transactionId: "T1", amountFen: 10000, at, atMs, ...event },
  snapshot: withSnapshot ? snapshot : null,
});

const lines = (postings: Posting<string>[]) =>
  postings.map((p) => `${p.key}: ${p.entries.map((e) => `${e.account} ${e.amountFen}`).join(", ")}`);

describe("planPayment", () => {
  test.each([
    {
      label: "¥100 by WeChat for a pending order: paid, B earns ¥10, A ¥5",
      facts: facts({}),
      expected: {
        kind: "pay",
        payments: [{ provider: "wxpay", transactionId: "T1", amountFen: 10000 }],
        commissions: [
          { orderItemId: 11, level: 1, earnerUserId: 2, amountFen: 1000 },
          { orderItemId: 11, level: 2, earnerUserId: 1, amountFen: 500 },
        ],
        commissionsDueAtMs: atMs + 7 * DAY,
        postings: [
          "pay:wxpay:T1: gateway_clearing:wxpay 10000, merchant_revenue -10000",
          "comm:11:L1: merchant_revenue 1000, commission_frozen -1000",
          "comm:11:L2: merchant_revenue 500, commission_frozen -500",
        ],
      },
    },
    {
      label: "¥70 by Alipay with ¥30 held from the balance: two payments, the balance part to revenue",
      facts: facts({ walletFen: 3000 }, { provider: "alipay", amountFen: 7000 }, false),
      expected: {
        kind: "pay",
        payments: [
          { provider: "alipay", transactionId: "T1", amountFen: 7000 },
          { provider: "balance", transactionId: "BALN1", amountFen: 3000 },
        ],
        commissions: [],
        commissionsDueAtMs: null,
        postings: [
          "pay:alipay:T1: gateway_clearing:alipay 7000, merchant_revenue -7000",
          "pay:balance:BALN1: wallet_hold:u:9 3000, merchant_revenue -3000",
        ],
      },
    },
    {
      label: "the whole order from the balance",
      facts: facts({ walletFen: 10000 }, { provider: "balance", transactionId: "BALN1" }, false),
      expected: {
        kind: "pay",
        payments: [{ provider: "balance", transactionId: "BALN1", amountFen: 10000 }],
        commissions: [],
        commissionsDueAtMs: null,
        postings: ["pay:balance:BALN1: wallet_hold:u:9 10000, merchant_revenue -10000"],
      },
    },
    {
      label: "the same notification again",
      facts: facts({ paid: true, status: "paid", paymentTransactionId: "T1" }),
      expected: { kind: "duplicate" },
    },
    {
      label: "a second charge for a paid order: held for refund",
      facts: facts({ paid: true, status: "paid", paymentTransactionId: "T0" }),
      expected: {
        kind: "refund_unpayable",
        outcome: "already_paid",
        reason: "order already paid by T0",
        payments: [{ provider: "wxpay", transactionId: "T1", amountFen: 10000 }],
        postings: ["pay:wxpay:T1: gateway_clearing:wxpay 10000, refund_clearing -10000"],
      },
    },
    {
      label: "money for a closed order: held for refund, no commission",
      facts: facts({ status: "closed" }),
      expected: {
        kind: "refund_unpayable",
        outcome: "not_payable",
        reason: "order is closed",
        payments: [{ provider: "wxpay", transactionId: "T1", amountFen: 10000 }],
        postings: ["pay:wxpay:T1: gateway_clearing:wxpay 10000, refund_clearing -10000"],
      },
    },
    {
      label: "¥99.99 for a ¥100 order",
      facts: facts({}, { amountFen: 9999 }),
      expected: { kind: "amount_mismatch", expectedFen: 10000 },
    },
    {
      label: "the provider asked for the whole ¥100 when ¥30 is held from the balance",
      facts: facts({ walletFen: 3000 }),
      expected: { kind: "amount_mismatch", expectedFen: 7000 },
    },
    {
      label: "a balance payment for an order only partly held",
      facts: facts({ walletFen: 3000 }, { provider: "balance", amountFen: 3000 }),
      expected: { kind: "amount_mismatch", expectedFen: 3000 },
    },
  ])("$label", ({ facts, expected }) => {
    const plan = planPayment(facts);
    const readable =
      plan.kind === "pay"
        ? {
            ...plan,
            commissions: plan.commissions.map(({ orderItemId, level, earnerUserId, amountFen }) => ({
              orderItemId,
              level,
              earnerUserId,
              amountFen,
            })),
            postings: lines(plan.postings),
          }
        : plan.kind === "refund_unpayable"
          ? { ...plan, postings: lines(plan.postings) }
          : plan;
    expect(readable).toEqual(expected);
  });

  test("release after receipt: the commissions wait for a due date", () => {
    const afterReceipt = {
      ...snapshot,
      plan: { ...snapshot.plan, release: { mode: "after_receipt" as const, days: 7 } },
    };
    const plan = planPayment({ ...facts({}), snapshot: afterReceipt });
    expect(plan).toMatchObject({ kind: "pay", commissionsDueAtMs: null });
  });
});
