// How much of an after-sale refund goes back to the shop balance: computeRefundSplit on the order's running
// total of refunds (in proportion to what the balance paid), never more to either side than it has left to
// get back. Read by the refund itself (payments/wallet-refund.ts) and by the refund preview staff confirm.
import { computeRefundSplit, fen } from "@liebian/domain";
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";

/**
 * What an order's after-sale refunds have returned (or are returning) so far, in total and to the shop
 * balance, not counting one after-sale (the one being refunded) or failed rows.
 */
async function sumOrderRefunds(db: Executor, orderId: number, exceptAfterSaleId: number) {
  const [row] = await queryRows<{ total: number | string; wallet: number | string }>(
    db,
    sql`select coalesce(sum(amount_fen), 0)::bigint as total,
               coalesce(sum(amount_fen) filter (where provider = 'balance'), 0)::bigint as wallet
        from refunds where order_id = ${orderId} and after_sale_id is not null
          and after_sale_id <> ${exceptAfterSaleId} and status <> 'failed'`,
  );
  return { totalFen: Number(row?.total ?? 0), walletFen: Number(row?.wallet ?? 0) };
}

/** The balance's share of refunding `amountFen` of an order for one after-sale (0 when the balance paid nothing). */
export async function computeWalletRefundShare(
  db: Executor,
  order: { id: number; payableFen: number; walletFen: number },
  afterSaleId: number,
  amountFen: number,
): Promise<number> {
  if (order.walletFen === 0) return 0;
  const before = await sumOrderRefunds(db, order.id, afterSaleId);
  const split = computeRefundSplit({
    paidFen: fen(order.payableFen),
    walletPaidFen: fen(order.walletFen),
    refundedBeforeFen: fen(Math.min(before.totalFen, order.payableFen - amountFen)),
    refundFen: fen(amountFen),
  });
  const providerLeft = order.payableFen - order.walletFen - (before.totalFen - before.walletFen);
  return Math.max(
    0,
    Math.min(Math.max(split.walletFen, amountFen - providerLeft), order.walletFen - before.walletFen),
  );
}
