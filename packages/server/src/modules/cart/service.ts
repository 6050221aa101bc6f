// A shopper's cart: add, change quantity, select, remove. Lines whose product went off sale or whose
// stock ran short stay visible with the problem named, and are never selected into a checkout silently.
import type { Db } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import { AppError } from "../../errors/app-error.ts";
import { findSkuForSale } from "../orders/repo.ts";
import {
  countCartLines,
  deleteOwnCartLines,
  listCartLines,
  selectAllCartLines,
  updateOwnCartLine,
  upsertCartLine,
} from "./repo.ts";

export { deleteCartSkus } from "./repo.ts";

const MAX_CART_LINES = 100;
type CartDeps = { db: Db; now: () => Date };

export async function getCart(db: Db, userId: number) {
  const lines = (await listCartLines(db, userId)).map(({ archived, status, ...line }) => {
    const problem =
      archived || status !== "on_sale"
        ? ("off_sale" as const)
        : line.stock === 0
          ? ("out_of_stock" as const)
          : line.stock < line.quantity
            ? ("insufficient_stock" as const)
            : null;
    return { ...line, problem };
  });
  const ready = lines.filter((l) => l.selected && l.problem === null);
  return {
    lines,
    selectedCount: ready.reduce((a, l) => a + l.quantity, 0),
    selectedGoodsFen: ready.reduce((a, l) => a + l.priceFen * l.quantity, 0),
  };
}

export async function addToCart(deps: CartDeps, userId: number, input: { skuId: number; quantity: number }) {
  await inTransaction(deps.db, async (tx) => {
    const sku = await findSkuForSale(tx, input.skuId);
    if (!sku || sku.archived || sku.status !== "on_sale") {
      throw new AppError("PRODUCT_NOT_ON_SALE", "This item is not on sale", { skuId: input.skuId });
    }
    if ((await countCartLines(tx, userId)) >= MAX_CART_LINES) {
      throw new AppError("CART_FULL", `A cart holds at most ${MAX_CART_LINES} lines`);
    }
    await upsertCartLine(tx, userId, input.skuId, input.quantity, deps.now());
  });
  return getCart(deps.db, userId);
}

export async function changeCartLine(
  deps: CartDeps,
  userId: number,
  id: number,
  input: { quantity?: number | undefined; selected?: boolean | undefined },
) {
  const updated = await updateOwnCartLine(deps.db, userId, id, {
    ...(input.quantity !== undefined ? { quantity: input.quantity } : {}),
    ...(input.selected !== undefined ? { selected: input.selected } : {}),
    updatedAt: deps.now(),
  });
  if (!updated) throw new AppError("NOT_FOUND", "No such line in your cart", { id });
  return getCart(deps.db, userId);
}

export async function selectAll(deps: CartDeps, userId: number, selected: boolean) {
  await selectAllCartLines(deps.db, userId, selected, deps.now());
  return getCart(deps.db, userId);
}

export async function removeCartLines(deps: CartDeps, userId: number, ids: number[]) {
  await deleteOwnCartLines(deps.db, userId, ids);
  return getCart(deps.db, userId);
}
