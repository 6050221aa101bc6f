// Turns money events from the outbox into shopper notices: paid, refunded (an after-sale decided in their
// favour), commission released, withdrawal paid. Each notice is keyed by its outbox row, so a redelivery
// writes nothing twice. Amounts are shown in yuan text only here, at the edge.
import { fen, formatYuan } from "@liebian/domain";
import type { AppDeps } from "../../deps.ts";
import type { OutboxHandlers } from "../outbox/service.ts";
import { notify } from "./service.ts";

const yuan = (amount: number) => `¥${formatYuan(fen(amount))}`;

export function notificationOutboxHandlers(deps: AppDeps): OutboxHandlers {
  const at = () => deps.now();
  return {
    "order.paid": async (p, d) =>
      notify(
        deps.db,
        [
          {
            userId: p.buyerUserId,
            kind: "order_paid",
            title: "订单已付款",
            body: `实付 ${yuan(p.amountFen)}，我们会尽快发货。`,
            link: `/orders/${p.orderId}`,
            sourceKey: `outbox:${d.id}:${p.buyerUserId}`,
          },
        ],
        at(),
      ),
    "order.refunded": async (p, d) => {
      const buyer = await deps.db.query.orders.findFirst({
        columns: { buyerUserId: true },
        where: (o, { eq }) => eq(o.id, p.orderId),
      });
      if (!buyer) return;
      await notify(
        deps.db,
        [
          {
            userId: buyer.buyerUserId,
            kind: "order_refunded",
            title: "售后已处理，退款已发起",
            body: `退款 ${yuan(p.refundFen)}，将原路退回。`,
            link: "/after-sales",
            sourceKey: `outbox:${d.id}:${buyer.buyerUserId}`,
          },
        ],
        at(),
      );
    },
    "commission.released": async (p, d) =>
      notify(
        deps.db,
        p.commissions.map((c) => ({
          userId: c.earnerUserId,
          kind: "commission_released",
          title: "佣金已到账",
          body: `${yuan(c.amountFen)} 佣金已解冻，可以提现了。`,
          link: "/distribution/commissions",
          sourceKey: `outbox:${d.id}:${c.commissionId}`,
        })),
        at(),
      ),
    "withdrawal.paid": async (p, d) =>
      notify(
        deps.db,
        [
          {
            userId: p.userId,
            kind: "withdrawal_paid",
            title: "提现已到账",
            body: `到账 ${yuan(p.netFen)}（手续费 ${yuan(p.feeFen)}）。`,
            link: "/distribution/withdraw",
            sourceKey: `outbox:${d.id}:${p.userId}`,
          },
        ],
        at(),
      ),
  };
}
