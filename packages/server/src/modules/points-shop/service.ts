// Points shop (积分商城) use cases. A redemption is one transaction: lock the shopper and the item, let the
// domain decide (off sale, sold out, over the limit; the cash and points parts), take the unit, then place an
// order through the normal order path whose price is the cash part (the rest a `points_shop` discount, so
// commissions see only cash) and which spends the points through the points ledger (`spend:<order>`, guarded:
// concurrent redemptions never overdraw). A ¥0 order is paid at once by points; closing one unpaid gives the
// points (points module) and the exchange unit back; refunds give points back by the points refund rule.
import { decidePointsRedemption, fen } from "@liebian/domain";
import type { Executor, Tx } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import { type IdempotencyRequest, runIdempotent } from "../../http/idempotency.ts";
import type { StaffActor } from "../../http/types.ts";
import { recordAudit } from "../audit/service.ts";
import { writePlacedOrder } from "../orders/place-order.ts";
import { skuLabelOf } from "../orders/pricing.ts";
import { addSalesCountOfOrder, findSkuForSale, findSkusForSale, lockBuyer } from "../orders/repo.ts";
import { moveOrderToPaid } from "../orders/service.ts";
import { loadOrderDetail } from "../orders/views.ts";
import { getPointsRule } from "../points/service.ts";
import { deliverServiceOrder } from "../service-goods/service.ts";
import {
  countRedeemedBy,
  findPointsShopItem,
  insertPointsShopItem,
  insertRedemption,
  listPointsShopItems,
  lockPointsShopItem,
  type PointsShopItemRow,
  takeExchangeStock,
  updatePointsShopItem,
} from "./repo.ts";

type Deps = Pick<AppDeps, "db" | "now">;
export type PointsShopItemInput = {
  skuId: number;
  points: number;
  cashFen: number;
  stock: number;
  perPersonLimit: number | null;
  onSale: boolean;
};

/** Each item with its SKU as it reads now (title, spec, picture, price). */
async function itemViews(db: Executor, rows: PointsShopItemRow[]) {
  const skus = await findSkusForSale(db, [...new Set(rows.map((r) => r.skuId))]);
  return rows.flatMap((r) => {
    const sku = skus.find((s) => s.skuId === r.skuId);
    if (!sku) return [];
    return [
      {
        ...r,
        productId: sku.productId,
        title: sku.title,
        skuLabel: skuLabelOf(sku),
        imageUrl: sku.skuImageUrl ?? sku.images[0] ?? null,
        priceFen: sku.priceFen,
        kind: sku.kind,
      },
    ];
  });
}

/** The cash part may not exceed what the goods are worth: the points part is a discount off the price. */
async function checkCash(db: Executor, skuId: number, cashFen: number) {
  const sku = await findSkuForSale(db, skuId);
  if (!sku || sku.archived) throw notFound("SKU", { skuId });
  if (cashFen > sku.priceFen)
    throw new AppError("POINTS_ITEM_INVALID", "The cash part is more than the goods' price", {
      cashFen,
      priceFen: sku.priceFen,
    });
}

export async function getPointsShopItems(db: Executor, onSaleOnly: boolean) {
  return itemViews(db, await listPointsShopItems(db, onSaleOnly));
}

export async function createPointsShopItem(deps: Deps, actor: StaffActor, input: PointsShopItemInput) {
  const row = await inTransaction(deps.db, async (tx) => {
    await checkCash(tx, input.skuId, input.cashFen);
    const now = deps.now();
    const row = await insertPointsShopItem(tx, { ...input, createdAt: now, updatedAt: now });
    await recordAudit(tx, actor, {
      action: "points_shop.create",
      entity: "points_shop_item",
      entityId: row.id,
      after: row,
    });
    return row;
  });
  return (await itemViews(deps.db, [row]))[0]!;
}

export async function editPointsShopItem(
  deps: Deps,
  actor: StaffActor,
  id: number,
  patch: Partial<Omit<PointsShopItemInput, "skuId">>,
) {
  const row = await inTransaction(deps.db, async (tx) => {
    const before = await findPointsShopItem(tx, id);
    if (!before) throw notFound("Points shop item", { id });
    if (patch.cashFen !== undefined) await checkCash(tx, before.skuId, patch.cashFen);
    const row = (await updatePointsShopItem(tx, id, { ...patch, updatedAt: deps.now() }))!;
    await recordAudit(tx, actor, {
      action: "points_shop.edit",
      entity: "points_shop_item",
      entityId: id,
      before,
      after: row,
    });
    return row;
  });
  return (await itemViews(deps.db, [row]))[0]!;
}

const refusalMessages = {
  POINTS_ITEM_OFF_SALE: "This item is no longer offered for points",
  POINTS_ITEM_SOLD_OUT: "This item is sold out",
  POINTS_ITEM_LIMIT_REACHED: "You have redeemed this item as often as allowed",
} as const;

async function writeRedemption(tx: Tx, now: Date, userId: number, itemId: number, addressId?: number) {
  if (!(await getPointsRule(tx)).enabled)
    throw new AppError("POINTS_DISABLED", "Points are not in use in this shop");
  // the buyer's lock queues one shopper's redemptions (the limit), the item's lock everyone's (the stock)
  await lockBuyer(tx, userId);
  const item = await lockPointsShopItem(tx, itemId);
  if (!item) throw notFound("Points shop item", { id: itemId });
  const sku = await findSkuForSale(tx, item.skuId);
  const redeemedBefore = item.perPersonLimit === null ? 0 : await countRedeemedBy(tx, itemId, userId);
  const decision = decidePointsRedemption(item, { priceFen: fen(sku?.priceFen ?? 0), redeemedBefore });
  if (!decision.ok) throw new AppError(decision.code, refusalMessages[decision.code], decision.details);
  if (!(await takeExchangeStock(tx, itemId)))
    throw new AppError("POINTS_ITEM_SOLD_OUT", refusalMessages.POINTS_ITEM_SOLD_OUT, { stock: 0 });
  const { order } = await writePlacedOrder(
    tx,
    now,
    userId,
    { items: [{ skuId: item.skuId, quantity: 1 }], addressId, buyerRemark: "", fromCart: false },
    {
      kind: "points_shop",
      discounts: [{ kind: "points_shop", label: "积分兑换", amountFen: decision.offFen }],
      points: decision.points,
    },
  );
  await insertRedemption(tx, {
    itemId,
    userId,
    orderId: order.id,
    points: decision.points,
    cashFen: order.payableFen,
    createdAt: now,
  });
  if (order.payableFen === 0) {
    // nothing to pay: the points paid it (no money moves, so no payment row and no ledger posting)
    await moveOrderToPaid(tx, order, {
      provider: "points",
      transactionId: `points:${order.orderNo}`,
      paidAt: now,
    });
    await addSalesCountOfOrder(tx, order.id);
    if (order.delivery === "redemption") await deliverServiceOrder(tx, order.id, now);
  }
  return order.id;
}

/** The shopper redeems one unit: the order placed (paid already when points cover it all). */
export async function redeemPointsShopItem(
  deps: Deps,
  userId: number,
  itemId: number,
  input: { addressId?: number | undefined },
  idempotency: IdempotencyRequest | null,
) {
  return inTransaction(deps.db, async (tx) => {
    const placed = await runIdempotent(tx, idempotency, async () => {
      const orderId = await writeRedemption(tx, deps.now(), userId, itemId, input.addressId);
      return { status: 201, body: { orderId } };
    });
    return {
      replayed: placed.replayed,
      order: await loadOrderDetail(tx, placed.body.orderId, "shopper"),
    };
  });
}
