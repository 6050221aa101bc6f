// How an after-sale reads: its lines with the snapshot of what was bought, amounts and return details; an
// approved 退货退款 carries the merchant's return address so the shopper knows where to send the parcel.
import type { Executor } from "../../db/client.ts";
import { getSettings } from "../settings/service.ts";
import { type AfterSaleRow, findAfterSale, findAfterSaleItems } from "./repo.ts";

type ReturnAddress = { name: string; phone: string; address: string };

function view(
  row: AfterSaleRow,
  items: Awaited<ReturnType<typeof findAfterSaleItems>>,
  returnAddress: ReturnAddress,
) {
  const sendingBack =
    row.kind === "return_refund" && (row.status === "approved" || row.status === "awaiting_return");
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
    requestedRefundFen: row.requestedRefundFen,
    refundAdjustReason: row.refundAdjustReason,
    restocked: row.restocked,
    returnAddress: sendingBack && returnAddress.address !== "" ? returnAddress : null,
    items: items.filter((i) => i.afterSaleId === row.id).map(({ afterSaleId: _, ...i }) => i),
  };
}

export async function loadAfterSaleView(db: Executor, id: number) {
  const row = (await findAfterSale(db, id))!;
  return view(row, await findAfterSaleItems(db, [id]), await getSettings(db, "returns"));
}

export async function afterSaleCards(db: Executor, rows: AfterSaleRow[]) {
  const items = await findAfterSaleItems(
    db,
    rows.map((r) => r.id),
  );
  const address = await getSettings(db, "returns");
  return rows.map((r) => view(r, items, address));
}
