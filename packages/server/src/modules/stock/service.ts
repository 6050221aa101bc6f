// The merchant's stock tools: adjust a SKU's stock with a reason, read the stock log, list low stock.
import type { Db } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import { AppError } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { recordAudit } from "../audit/service.ts";
import { listLowStock, listStockLog, moveStock } from "./repo.ts";

export { moveStock } from "./repo.ts";

export async function adjustStock(
  db: Db,
  actor: StaffActor,
  input: { skuId: number; delta: number; note: string },
): Promise<{ skuId: number; stock: number }> {
  return inTransaction(db, async (tx) => {
    const stock = await moveStock(tx, {
      skuId: input.skuId,
      delta: input.delta,
      reason: "manual_adjust",
      staffId: actor.staffId,
      note: input.note,
    });
    if (stock === null) {
      throw new AppError("STOCK_INSUFFICIENT", "Stock cannot go below zero (or the SKU does not exist)", {
        skuId: input.skuId,
      });
    }
    await recordAudit(tx, actor, {
      action: "stock.adjust",
      entity: "sku",
      entityId: input.skuId,
      after: { ...input, stock },
    });
    return { skuId: input.skuId, stock };
  });
}

export async function getStockLog(
  db: Db,
  q: { skuId?: number | undefined; q?: string | undefined; cursor?: number | undefined; limit: number },
) {
  return listStockLog(db, q);
}

export async function getLowStock(db: Db, q: { threshold: number; limit: number }) {
  return listLowStock(db, q.threshold, q.limit);
}
