// After-sales: one exported function per use case. The payments area calls completeAfterSaleRefund and
// failAfterSaleRefund when its refund API answers; deps.refunds is how this area asks it to refund.
import type { Db } from "../../db/client.ts";
import { notFound } from "../../errors/app-error.ts";
import {
  type AfterSaleRow,
  type AfterSaleStatus,
  findAfterSale,
  listAfterSales,
  listAwaitingRefund,
} from "./repo.ts";
import { afterSaleCards, loadAfterSaleView, staffAfterSaleCards } from "./views.ts";

export { previewAfterSaleRefund } from "./preview.ts";
export { completeAfterSaleRefund, failAfterSaleRefund, sandboxRefundImmediately } from "./refund.ts";
export { requestAfterSale } from "./request.ts";
export {
  approveAfterSale,
  cancelAfterSale,
  confirmRefund,
  confirmReturn,
  rejectAfterSale,
  retryRefund,
  shipBack,
} from "./review.ts";
export { openPriceDifferenceRefund, openSystemRefund, startSystemRefund } from "./system-refund.ts";

export async function getShopperAfterSale(db: Db, userId: number, id: number) {
  const row = await findAfterSale(db, id);
  if (!row || row.buyerUserId !== userId) throw notFound("After-sale", { id });
  return loadAfterSaleView(db, id);
}

export async function getStaffAfterSale(db: Db, id: number) {
  if (!(await findAfterSale(db, id))) throw notFound("After-sale", { id });
  return loadAfterSaleView(db, id);
}

async function page<T extends { id: number }>(
  db: Db,
  filter: Parameters<typeof listAfterSales>[1],
  cards: (db: Db, rows: AfterSaleRow[]) => Promise<T[]>,
) {
  const rows = await listAfterSales(db, { ...filter, limit: filter.limit + 1 });
  const items = await cards(db, rows.slice(0, filter.limit));
  return { items, nextCursor: rows.length > filter.limit ? (items.at(-1)?.id ?? null) : null };
}

export function listShopperAfterSales(
  db: Db,
  userId: number,
  q: { cursor?: number | undefined; limit: number },
) {
  return page(db, { ...q, buyerUserId: userId }, afterSaleCards);
}

export function listStaffAfterSales(
  db: Db,
  q: { status?: AfterSaleStatus | undefined; cursor?: number | undefined; limit: number },
) {
  return page(db, q, staffAfterSaleCards);
}

/** Finance's 待退款确认 queue, oldest first. */
export async function listRefundQueue(db: Db, q: { cursor?: number | undefined; limit: number }) {
  const rows = await listAwaitingRefund(db, { ...q, limit: q.limit + 1 });
  const items = await staffAfterSaleCards(db, rows.slice(0, q.limit));
  return { items, nextCursor: rows.length > q.limit ? (items.at(-1)?.id ?? null) : null };
}
