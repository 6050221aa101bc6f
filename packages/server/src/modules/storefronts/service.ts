// A distributor's storefront (个性化推广页 / 微店): they name it, give it a cover and a greeting, and pick up
// to MAX_STOREFRONT_PRODUCTS of the shop's products to feature; visitors open it at /store/CODE through
// `/s/CODE/store`, which carries the code, so views and the orders that follow count for the distributor.
// Without picks the storefront shows the whole shop; everything else (prices, checkout) is the shop's own.
import { sql } from "drizzle-orm";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import { listOnSaleCardsByIds } from "../catalog/service.ts";
import { findDistributorByCode } from "../distributors/repo.ts";
import { shareLink } from "../sharing/links.ts";
import { activeSharer, shareableProduct } from "../sharing/service.ts";
import { isShopImage } from "../sharing/shop-images.ts";
import {
  countOnSalePicks,
  findOnSaleIds,
  findPickIds,
  findPickPage,
  findStorefront,
  replacePicks,
  type StorefrontRow,
  upsertStorefront,
} from "./repo.ts";
import { MAX_STOREFRONT_PRODUCTS } from "./schemas.ts";

type Deps = Pick<AppDeps, "db" | "config" | "now">;

const defaultPage = (nickname: string | null): StorefrontRow => ({
  name: `${nickname || "我"}的小店`.slice(0, 30),
  coverUrl: null,
  greeting: "",
});

export async function myStorefront(deps: Deps, userId: number) {
  const sharer = await activeSharer(deps, userId);
  const page = (await findStorefront(deps.db, userId)) ?? defaultPage(sharer.nickname);
  return {
    code: sharer.inviteCode,
    link: shareLink(deps.config.publicUrl, sharer.inviteCode, { kind: "storefront" }),
    ...page,
    productIds: await findPickIds(deps.db, userId),
    maxProducts: MAX_STOREFRONT_PRODUCTS,
  };
}

export async function saveStorefront(deps: AppDeps, userId: number, page: StorefrontRow) {
  await activeSharer(deps, userId);
  // the cover is drawn from the shop's own storage only: a URL from elsewhere would be a hotlink or worse
  if (page.coverUrl !== null && !isShopImage(deps, page.coverUrl))
    throw new AppError("STOREFRONT_COVER_INVALID", "Upload the cover to the shop first");
  await upsertStorefront(deps.db, userId, page, deps.now());
  return myStorefront(deps, userId);
}

function refuseOverCap(count: number) {
  if (count > MAX_STOREFRONT_PRODUCTS)
    throw new AppError(
      "STOREFRONT_TOO_MANY_PRODUCTS",
      `A storefront features at most ${MAX_STOREFRONT_PRODUCTS} products`,
      { max: MAX_STOREFRONT_PRODUCTS, given: count },
    );
}

/** Replaces the picks with `productIds` in that order; each must be on sale, and at most the cap. */
export async function setPicks(deps: Deps, userId: number, productIds: number[]) {
  await activeSharer(deps, userId);
  const ids = [...new Set(productIds)];
  refuseOverCap(ids.length);
  await inTransaction(deps.db, async (tx) => {
    const onSale = await findOnSaleIds(tx, ids);
    const missing = ids.filter((id) => !onSale.has(id));
    if (missing.length > 0)
      throw new AppError("PRODUCT_NOT_ON_SALE", "Only products on sale can be picked", {
        productIds: missing,
      });
    await replacePicks(tx, userId, ids, deps.now());
  });
  return myStorefront(deps, userId);
}

/** Adds one product at the end (already picked: unchanged); the cap is checked under the distributor's lock. */
export async function addPick(deps: Deps, userId: number, productId: number) {
  await activeSharer(deps, userId);
  await shareableProduct(deps, productId);
  await inTransaction(deps.db, async (tx) => {
    await tx.execute(sql`select 1 from distributors where user_id = ${userId} for update`);
    const ids = await findPickIds(tx, userId);
    if (ids.includes(productId)) return;
    refuseOverCap(ids.length + 1);
    await replacePicks(tx, userId, [...ids, productId], deps.now());
  });
  return myStorefront(deps, userId);
}

export async function removePick(deps: Deps, userId: number, productId: number) {
  await activeSharer(deps, userId);
  await inTransaction(deps.db, async (tx) => {
    await tx.execute(sql`select 1 from distributors where user_id = ${userId} for update`);
    const ids = await findPickIds(tx, userId);
    if (ids.includes(productId))
      await replacePicks(
        tx,
        userId,
        ids.filter((id) => id !== productId),
        deps.now(),
      );
  });
  return myStorefront(deps, userId);
}

/** The active distributor behind a storefront's code; an unknown, frozen or removed one has no storefront. */
async function openStorefront(deps: Pick<AppDeps, "db">, code: string) {
  const distributor = await findDistributorByCode(deps.db, code);
  if (distributor?.status !== "active") throw notFound("storefront", { code });
  const sharer = await activeSharer(deps, distributor.userId);
  return { sharer, page: (await findStorefront(deps.db, sharer.userId)) ?? defaultPage(sharer.nickname) };
}

export async function publicStorefront(deps: Pick<AppDeps, "db">, code: string) {
  const { sharer, page } = await openStorefront(deps, code);
  return {
    code: sharer.inviteCode,
    ...page,
    distributor: { nickname: sharer.nickname ?? "", avatarUrl: sharer.avatarUrl },
    productCount: await countOnSalePicks(deps.db, sharer.userId),
  };
}

/** A page of the storefront's picks on sale, in the distributor's order (cursor: the next position). */
export async function storefrontProducts(
  deps: Pick<AppDeps, "db">,
  code: string,
  query: { cursor?: number | undefined; limit: number },
) {
  const { sharer } = await openStorefront(deps, code);
  const picks = await findPickPage(deps.db, sharer.userId, query.cursor ?? 0, query.limit + 1);
  const page = picks.slice(0, query.limit);
  return {
    items: await listOnSaleCardsByIds(
      deps.db,
      page.map((p) => p.id),
    ),
    nextCursor: picks.length > query.limit ? picks[query.limit]!.position : null,
  };
}
