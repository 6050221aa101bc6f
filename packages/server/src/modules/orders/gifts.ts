// Gift lines of a just-placed order (买一送一 / 满赠): each gift the quote named is taken from its activity's gift
// stock and from the gift SKU's stock, and written as a ¥0 line naming the items that earned it. A gift whose
// stock ran out since the quote is left out; the order stands. Gift lines are not in the commission snapshot.
import type { Tx } from "../../db/client.ts";
import { returnGiftStock, takeGiftStock } from "../marketing/service.ts";
import { moveStock } from "../stock/repo.ts";
import { type CheckoutGift, skuLabelOf } from "./pricing.ts";
import { insertOrderItems, type OrderItemRow } from "./repo.ts";

export async function placeGifts(
  tx: Tx,
  order: { id: number; userId: number },
  gifts: CheckoutGift[],
  lineSkuIds: string[],
  items: OrderItemRow[],
): Promise<OrderItemRow[]> {
  const given = [];
  for (const gift of [...gifts].filter((g) => g.given).sort((a, b) => a.sku.skuId - b.sku.skuId)) {
    const held = { activityId: Number(gift.activityId), skuId: gift.sku.skuId, quantity: gift.quantity };
    if (!(await takeGiftStock(tx, held))) continue;
    const move = { skuId: held.skuId, delta: -held.quantity, reason: "order_placed" as const };
    if ((await moveStock(tx, { ...move, orderId: order.id, userId: order.userId })) === null) {
      await returnGiftStock(tx, held);
      continue;
    }
    given.push({ gift, held });
  }
  if (given.length === 0) return [];
  const itemOfLine = (i: number) => items.find((it) => String(it.skuId) === lineSkuIds[i])!.id;
  return insertOrderItems(
    tx,
    given.map(({ gift, held }) => ({
      orderId: order.id,
      productId: gift.sku.productId,
      skuId: held.skuId,
      title: gift.sku.title,
      skuLabel: skuLabelOf(gift.sku),
      imageUrl: gift.sku.skuImageUrl ?? gift.sku.images[0] ?? null,
      unitPriceFen: 0,
      quantity: held.quantity,
      listFen: 0,
      discountFen: 0,
      paidFen: 0,
      activityId: held.activityId,
      activityKind: "gift",
      originalUnitFen: gift.sku.priceFen,
      giftOf: gift.lineIndexes.map(itemOfLine),
    })),
  );
}
