import { describe, expect, test } from "vitest";
import { planRefund, type RefundedCommission, type RefundFacts } from "./plan-refund.ts";

const at = "2026-11-23T02:00:00.000Z";
const line = (over: Partial<RefundedCommission>): RefundedCommission => ({
  id: 5,
  orderItemId: 11,
  earnerUserId: 2,
  status: "frozen",
  amountFen: 1000,
  itemFen: 10000,
  clawedBackFen: 0,
  ...over,
});
const alipay = { provider: "alipay", outRefundNo: "RF7A1", orderNo: "N1", buyerUserId: 9, amountFen: 3000 };

const facts = (over: Partial<RefundFacts<string>>): RefundFacts<string> => ({
  orderId: 1,
  afterSaleId: 7,
  at,
  money: alipay,
  items: [{ orderItemId: 11, remainingPaidFen: 7000 }],
  commissions: [line({})],
  ...over,
});

const readable = (f: RefundFacts<string>) => {
  const plan = planRefund(f);
  return {
    clawbacks: plan.clawbacks.map(
      (c) => `#${c.commission.id} ${c.amountFen} from ${c.from}${c.cancels ? ", cancelled" : ""}`,
    ),
    postings: plan.postings.map(
      (p) => `${p.key}: ${p.entries.map((e) => `${e.account} ${e.amountFen}`).join(", ")}`,
    ),
  };
};

describe("planRefund", () => {
  test.each([
    {
      label: "¥30 of a ¥100 item by Alipay, frozen ¥10 line: revenue pays back, ¥3 reversed from frozen",
      facts: facts({}),
      clawbacks: ["#5 300 from frozen"],
      postings: [
        "refund:alipay:RF7A1: merchant_revenue 3000, gateway_clearing:alipay -3000",
        "claw:5:7: commission_frozen 300, merchant_revenue -300",
      ],
    },
    {
      label: "the whole item refunded before settlement: the line is cancelled",
      facts: facts({
        items: [{ orderItemId: 11, remainingPaidFen: 0 }],
        money: { ...alipay, amountFen: 10000 },
      }),
      clawbacks: ["#5 1000 from frozen, cancelled"],
      postings: [
        "refund:alipay:RF7A1: merchant_revenue 10000, gateway_clearing:alipay -10000",
        "claw:5:7: commission_frozen 1000, merchant_revenue -1000",
      ],
    },
    {
      label: "after settlement: clawed back from available (debt allowed), the line stays settled",
      facts: facts({ commissions: [line({ status: "settled" })] }),
      clawbacks: ["#5 300 from available"],
      postings: [
        "refund:alipay:RF7A1: merchant_revenue 3000, gateway_clearing:alipay -3000",
        "claw:5:7: commission_available:u:2 300, merchant_revenue -300",
      ],
    },
    {
      label: "the rest after an earlier third: cumulative, the line ends wholly taken back",
      facts: facts({
        items: [{ orderItemId: 11, remainingPaidFen: 0 }],
        commissions: [line({ clawedBackFen: 334 })],
        money: null,
      }),
      clawbacks: ["#5 666 from frozen, cancelled"],
      postings: ["claw:5:7: commission_frozen 666, merchant_revenue -666"],
    },
    {
      label: "the shop balance's share goes back to the wallet",
      facts: facts({
        money: { ...alipay, provider: "balance", outRefundNo: "RF7W", amountFen: 1500 },
        commissions: [],
      }),
      clawbacks: [],
      postings: ["refund:balance:RF7W: merchant_revenue 1500, wallet:u:9 -1500"],
    },
    {
      label: "a cancelled line and an item not refunded give nothing back",
      facts: facts({ commissions: [line({ status: "cancelled" }), line({ id: 6, orderItemId: 12 })] }),
      clawbacks: [],
      postings: ["refund:alipay:RF7A1: merchant_revenue 3000, gateway_clearing:alipay -3000"],
    },
  ])("$label", ({ facts, clawbacks, postings }) => {
    expect(readable(facts)).toEqual({ clawbacks, postings });
  });
});
