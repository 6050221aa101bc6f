// Turns events from the outbox into shopper notices: paid, shipped, after-sale approved or rejected,
// refunded, commission released, withdrawal paid. Each notice is keyed by its outbox row, so a redelivery
// writes nothing twice. Amounts are shown in yuan text only here, at the edge.
import { fen, formatYuan } from "@liebian/domain";
import { eq, inArray, sql } from "drizzle-orm";
import { afterSales, orders, shipments } from "../../db/schema/commerce.ts";
import { commissions } from "../../db/schema/distribution.ts";
import type { AppDeps } from "../../deps.ts";
import { eachMessage, type OutboxHandlers, type OutboxMessages } from "../outbox/service.ts";
import { notify } from "./service.ts";

const yuan = (amount: number) => `¥${formatYuan(fen(amount))}`;

export function notificationOutboxHandlers(deps: AppDeps): OutboxHandlers {
  const at = () => deps.now();
  return {
    // every paid order has one: the batch's notices go in one statement
    "order.paid": async (messages, db) =>
      notify(
        db,
        messages.map(({ id, payload: p }) => ({
          userId: p.buyerUserId,
          kind: "order_paid",
          title: "订单已付款",
          body: `实付 ${yuan(p.amountFen)}，我们会尽快发货。`,
          link: `/orders/${p.orderId}`,
          sourceKey: `outbox:${id}:${p.buyerUserId}`,
        })),
        at(),
      ),
    "order.shipped": eachMessage<"order.shipped">(async (p, d, db) => {
      const parcels = await db
        .select({ carrier: shipments.carrier, trackingNo: shipments.trackingNo })
        .from(shipments)
        .where(inArray(shipments.id, p.shipmentIds));
      await notify(
        db,
        [
          {
            userId: p.buyerUserId,
            kind: "order_shipped",
            title: "订单已发货",
            body: `${parcels.map((x) => `${x.carrier} ${x.trackingNo}`).join("；")} 已发出，点开可查看物流。`,
            link: `/orders/${p.orderId}`,
            sourceKey: `outbox:${d.id}:${p.buyerUserId}`,
          },
        ],
        at(),
      );
    }),
    "after_sale.decided": eachMessage<"after_sale.decided">(async (p, d, db) => {
      const [row] = await db
        .select({ kind: afterSales.kind, note: afterSales.merchantNote })
        .from(afterSales)
        .where(inArray(afterSales.id, [p.afterSaleId]));
      if (!row) return;
      const approved = p.decision === "approved";
      const body = approved
        ? row.kind === "refund_only"
          ? "商家已同意退款，退款将原路退回。"
          : "商家已同意，请按售后详情里的地址寄回商品并填写单号。"
        : `商家未同意${row.note ? `：${row.note}` : "。"}如有疑问可联系客服。`;
      await notify(
        db,
        [
          {
            userId: p.buyerUserId,
            kind: approved ? "after_sale_approved" : "after_sale_rejected",
            title: approved ? "售后申请已同意" : "售后申请未通过",
            body,
            link: "/after-sales",
            sourceKey: `outbox:${d.id}:${p.buyerUserId}`,
          },
        ],
        at(),
      );
    }),
    "order.refunded": eachMessage<"order.refunded">(async (p, d, db) => {
      const [buyer] = await db
        .select({ buyerUserId: orders.buyerUserId })
        .from(orders)
        .where(eq(orders.id, p.orderId))
        .limit(1);
      if (!buyer) return;
      await notify(
        db,
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
    }),
    "commission.released": eachMessage<"commission.released">(async (p, d, db) => {
      const released = releasedCommissions(p);
      // the message names the commissions; whose they are is the row's (an earner never changes)
      const earners = new Map(
        (
          await db
            .select({ id: commissions.id, earnerUserId: commissions.earnerUserId })
            .from(commissions)
            .where(
              sql`${commissions.id} = any(${`{${released.map((c) => c.commissionId).join(",")}}`}::bigint[])`,
            )
        ).map((c) => [c.id, c.earnerUserId]),
      );
      await notify(
        db,
        released.map((c) => ({
          userId: earners.get(c.commissionId)!,
          kind: "commission_released",
          title: "佣金已到账",
          body: `${yuan(c.amountFen)} 佣金已解冻，可以提现了。`,
          link: "/distribution/commissions",
          sourceKey: `outbox:${d.id}:${c.commissionId}`,
        })),
        at(),
      );
    }),
    "withdrawal.paid": eachMessage<"withdrawal.paid">(async (p, d, db) =>
      notify(
        db,
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
    ),
  };
}

/**
 * A commission.released message's commissions and amounts. Messages written before migration 0049 carry
 * one object per commission (`commissions: [{ commissionId, amountFen, … }]`); they may still be queued.
 */
function releasedCommissions(p: OutboxMessages["commission.released"]) {
  const legacy = p as unknown as { commissions?: { commissionId: number; amountFen: number }[] };
  if (legacy.commissions) return legacy.commissions;
  return p.commissionIds.map((commissionId, i) => ({ commissionId, amountFen: p.amountsFen[i]! }));
}
