// Returned goods back on the shelf: when staff confirm a 退货退款 parcel arrived, each returned unit goes back
// to its SKU with a stock-log row naming the after-sale (unless staff say the goods are damaged).
import type { Tx } from "../../db/client.ts";
import { moveStock } from "../stock/service.ts";
import type { AfterSaleRow } from "./repo.ts";
import { findReturnedSkus } from "./repo.ts";

export async function restockReturn(tx: Tx, afterSale: AfterSaleRow, staffId: number): Promise<void> {
  for (const line of await findReturnedSkus(tx, afterSale.id)) {
    // An archived or deleted SKU still takes its units back: stock is a count, and the log explains it.
    await moveStock(tx, {
      skuId: line.skuId,
      delta: line.quantity,
      reason: "after_sale_return",
      orderId: afterSale.orderId,
      afterSaleId: afterSale.id,
      staffId,
      note: `售后 #${afterSale.id}`,
    });
  }
}
