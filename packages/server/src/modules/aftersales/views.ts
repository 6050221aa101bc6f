// How an after-sale reads: its lines with the snapshot of what was bought, amounts and return details; an
// approved 退货退款 carries the merchant's return address so the shopper knows where to send the parcel.
import { inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { users } from "../../db/schema/accounts.ts";
import { orders } from "../../db/schema/commerce.ts";
import { maskPhone } from "../../lib/personal-data.ts";
import { getSettings } from "../settings/service.ts";
import { type AfterSaleRow, findAfterSale, findAfterSaleItems } from "./repo.ts";

type ReturnAddress = { name: string; phone: string; address: string };

/** Order numbers by order id, in one query for a whole page: lists name the order as people know it. */
async function orderNumbers(db: Executor, orderIds: number[]): Promise<Map<number, string>> {
  if (orderIds.length === 0) return new Map();
  const rows = await db
    .select({ id: orders.id, orderNo: orders.orderNo })
    .from(orders)
    .where(inArray(orders.id, [...new Set(orderIds)]));
  return new Map(rows.map((r) => [r.id, r.orderNo]));
}

function view(
  row: AfterSaleRow,
  items: Awaited<ReturnType<typeof findAfterSaleItems>>,
  returnAddress: ReturnAddress,
  orderNos: Map<number, string>,
) {
  const sendingBack =
    row.kind === "return_refund" && (row.status === "approved" || row.status === "awaiting_return");
  return {
    id: row.id,
    orderId: row.orderId,
    orderNo: orderNos.get(row.orderId) ?? "",
    kind: row.kind,
    status: row.status,
    reason: row.reason,
    description: row.description,
    photos: row.photos,
    refundFen: row.refundFen,
    freightRefundFen: row.freightRefundFen,
    merchantNote: row.merchantNote,
    returnCarrier: row.returnCarrier,
    returnTrackingNo: row.returnTrackingNo,
    refundProvider: row.refundProvider,
    failureReason: row.failureReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    refundedAt: row.refundedAt,
    requestedRefundFen: row.requestedRefundFen,
    refundAdjustReason: row.refundAdjustReason,
    restocked: row.restocked,
    returnAddress: sendingBack && returnAddress.address !== "" ? returnAddress : null,
    items: items.filter((i) => i.afterSaleId === row.id).map(({ afterSaleId: _, ...i }) => i),
  };
}

export async function loadAfterSaleView(db: Executor, id: number) {
  const row = (await findAfterSale(db, id))!;
  return view(
    row,
    await findAfterSaleItems(db, [id]),
    await getSettings(db, "returns"),
    await orderNumbers(db, [row.orderId]),
  );
}

export async function afterSaleCards(db: Executor, rows: AfterSaleRow[]) {
  const items = await findAfterSaleItems(
    db,
    rows.map((r) => r.id),
  );
  const address = await getSettings(db, "returns");
  const orderNos = await orderNumbers(
    db,
    rows.map((r) => r.orderId),
  );
  return rows.map((r) => view(r, items, address, orderNos));
}

/**
 * Staff lists name the buyer (nickname and masked phone) so staff can tell whose after-sale it is without
 * opening the order; loaded for the whole page in one query. Shopper lists never carry it.
 */
export async function staffAfterSaleCards(db: Executor, rows: AfterSaleRow[]) {
  const cards = await afterSaleCards(db, rows);
  const ids = [...new Set(rows.map((r) => r.buyerUserId))];
  const buyers =
    ids.length === 0
      ? []
      : await db
          .select({ userId: users.id, nickname: users.nickname, phone: users.phone })
          .from(users)
          .where(inArray(users.id, ids));
  const byId = new Map(buyers.map((b) => [b.userId, { ...b, phone: maskPhone(b.phone) }]));
  return cards.map((card, i) => ({ ...card, buyer: byId.get(rows[i]!.buyerUserId) ?? null }));
}
