// How an after-sale reads: its lines with the snapshot of what was bought, amounts and return details.
import type { Executor } from "../../db/client.ts";
import { type AfterSaleRow, findAfterSale, findAfterSaleItems } from "./repo.ts";

function view(row: AfterSaleRow, items: Awaited<ReturnType<typeof findAfterSaleItems>>) {
  return {
    id: row.id,
    orderId: row.orderId,
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
    items: items.filter((i) => i.afterSaleId === row.id).map(({ afterSaleId: _, ...i }) => i),
  };
}

export async function loadAfterSaleView(db: Executor, id: number) {
  const row = (await findAfterSale(db, id))!;
  return view(row, await findAfterSaleItems(db, [id]));
}

export async function afterSaleCards(db: Executor, rows: AfterSaleRow[]) {
  const items = await findAfterSaleItems(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => view(r, items));
}
