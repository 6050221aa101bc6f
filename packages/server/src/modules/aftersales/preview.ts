// What a refund will do, before staff confirm it: the amount (maximum, or a lower one spread the way
// adjustRefund will spread it), where the money goes, what happens to each commission line (the same plan
// clawBackRefund applies), and which units go back to stock. Reads only.
import type { Executor } from "../../db/client.ts";
import { notFound } from "../../errors/app-error.ts";
import { previewClawbacks } from "../commissions/refund-clawback.ts";
import { findOrder, findOrderItems } from "../orders/repo.ts";
import { computeWalletRefundShare } from "../wallet/refund-share.ts";
import { spreadRefund } from "./refund-amount.ts";
import { findAfterSale, findAfterSaleItems } from "./repo.ts";

export async function previewAfterSaleRefund(
  deps: { db: Executor; refunds?: unknown },
  id: number,
  refundFen?: number,
) {
  const afterSale = await findAfterSale(deps.db, id);
  if (!afterSale) throw notFound("After-sale", { id });
  const order = (await findOrder(deps.db, { orderId: afterSale.orderId }))!;
  const parts = await findAfterSaleItems(deps.db, [id]);
  const amount = refundFen ?? afterSale.refundFen;
  const spread = spreadRefund(afterSale, parts, amount);
  const lines = await findOrderItems(deps.db, [order.id]);
  const refunded = afterSale.status === "refunded";
  const items = spread.lines.map((part) => {
    const line = lines.find((l) => l.id === part.orderItemId)!;
    // Before the refund the line's refundedFen does not yet include this after-sale's part.
    const remaining = line.paidFen - line.refundedFen - (refunded ? 0 : part.refundFen);
    return {
      orderItemId: line.id,
      refundFen: part.refundFen,
      itemPaidFen: line.paidFen,
      remainingPaidFen: Math.max(0, remaining),
    };
  });
  return {
    afterSaleId: afterSale.id,
    orderId: order.id,
    orderNo: order.orderNo,
    status: afterSale.status,
    refundFen: amount,
    maxFen: afterSale.refundFen,
    freightRefundFen: spread.freightRefundFen,
    /** The provider the order was paid with; the refund goes back the same way (sandbox: no money moves). */
    destination: {
      provider: deps.refunds ? (order.paymentProvider ?? "sandbox") : "sandbox_immediate",
      /** The shop balance's share, back to the buyer's wallet at once; the provider gets the rest. */
      walletFen: refunded ? 0 : await computeWalletRefundShare(deps.db, order, afterSale.id, amount),
    },
    commissions: refunded ? [] : await previewClawbacks(deps.db, items),
    restock: parts.map((p) => ({
      orderItemId: p.orderItemId,
      title: p.title,
      skuLabel: p.skuLabel,
      quantity: p.quantity,
    })),
  };
}
