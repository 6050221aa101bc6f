// A distributor's posters: the product poster and the invite poster, drawn on the server with the shop's
// own pictures and the code of the distributor's link, cached by their inputs, each draw recorded as a
// "poster" event. At most two posters are drawn at once, so a burst leaves the server free for shoppers.
import type { PosterCodeSource } from "../../adapters/posters/code-source.ts";
import { standardQrCode } from "../../adapters/posters/code-source.ts";
import { drawInvitePoster, INVITE_CODE_PX } from "../../adapters/posters/invite-poster.ts";
import { drawProductPoster, PRODUCT_CODE_PX } from "../../adapters/posters/product-poster.ts";
import type { PosterTemplateId } from "../../adapters/posters/templates.ts";
import type { AppDeps } from "../../deps.ts";
import { findLiveSkus } from "../catalog/repo.ts";
import { getSettings } from "../settings/service.ts";
import { recordServerEvent } from "../tracking/service.ts";
import { runningChallengeOf } from "./challenge-links.ts";
import { shareLink } from "./links.ts";
import { posterBadge } from "./poster-badge.ts";
import { createPosterCache, type PosterCache, posterCacheKey } from "./poster-cache.ts";
import { activeSharer, shareableProduct } from "./service.ts";
import { readShopImage, readShopImageKey } from "./shop-images.ts";

const caches = new WeakMap<object, PosterCache>();
function cacheOf(deps: AppDeps): PosterCache {
  let cache = caches.get(deps);
  if (!cache) {
    cache = createPosterCache();
    caches.set(deps, cache);
  }
  return cache;
}

let drawing = 0;
const waiting: Array<() => void> = [];
async function oneOfTwo<T>(work: () => Promise<T>): Promise<T> {
  if (drawing >= 2) await new Promise<void>((resolve) => waiting.push(resolve));
  drawing++;
  try {
    return await work();
  } finally {
    drawing--;
    waiting.shift()?.();
  }
}

function codeSourceOf(deps: AppDeps): PosterCodeSource {
  return deps.posterCodes ?? standardQrCode;
}

async function cachedDraw(deps: AppDeps, inputs: object, draw: () => Promise<Buffer>) {
  const cache = cacheOf(deps);
  const key = posterCacheKey({ ...inputs, code: codeSourceOf(deps).kind });
  const hit = cache.get(key);
  if (hit) return { png: hit, etag: key.slice(0, 32), cached: true };
  const png = await oneOfTwo(draw);
  cache.set(key, png);
  return { png, etag: key.slice(0, 32), cached: false };
}

export type PosterOptions = { template?: PosterTemplateId };

/**
 * The product poster of `productId` for the signed-in distributor (off sale: PRODUCT_NOT_ON_SALE). A product
 * in a running group challenge gets the challenge's link, so a scan lands on the challenge.
 */
export async function productPoster(deps: AppDeps, userId: number, productId: number) {
  const sharer = await activeSharer(deps, userId);
  const product = await shareableProduct(deps, productId);
  const skus = await findLiveSkus(deps.db, productId);
  const settings = await getSettings(deps.db, "posters");
  const shop = await getSettings(deps.db, "shop");
  const challenge = await runningChallengeOf(deps, productId);
  const link = shareLink(
    deps.config.publicUrl,
    sharer.inviteCode,
    challenge ? { kind: "challenge", ...challenge } : { kind: "product", productId },
  );
  const inputs = {
    kind: "product",
    badge: await posterBadge(
      deps,
      productId,
      skus.map((s) => s.id),
    ),
    template: settings.template,
    shopName: shop.shopName,
    nickname: sharer.nickname ?? "",
    avatarUrl: sharer.avatarUrl,
    title: product.title,
    priceFen: Math.min(...skus.map((s) => s.priceFen)),
    imageUrl: product.images[0] ?? null,
    link,
  };
  const poster = await cachedDraw(deps, inputs, async () =>
    drawProductPoster({
      ...inputs,
      priceFen: Number.isFinite(inputs.priceFen) ? inputs.priceFen : 0,
      avatar: await readShopImage(deps, sharer.avatarUrl),
      image: await readShopImage(deps, inputs.imageUrl),
      code: await codeSourceOf(deps).render({
        link,
        page: "pages/product/index",
        scene: `${sharer.inviteCode}-p${productId}`,
        sizePx: PRODUCT_CODE_PX,
      }),
    }),
  );
  await recordServerEvent(deps, {
    kind: "poster",
    userId,
    productId,
    distributorUserId: userId,
    source: "product",
  });
  return { ...poster, link };
}

/** The invite poster of the signed-in distributor, with the merchant's background and text. */
export async function invitePoster(deps: AppDeps, userId: number) {
  const sharer = await activeSharer(deps, userId);
  const link = shareLink(deps.config.publicUrl, sharer.inviteCode, { kind: "shop" });
  const poster = await renderInvite(deps, {
    nickname: sharer.nickname ?? "",
    avatarUrl: sharer.avatarUrl,
    link,
    code: sharer.inviteCode,
  });
  await recordServerEvent(deps, { kind: "poster", userId, distributorUserId: userId, source: "invite" });
  return { ...poster, link };
}

/** Draws an invite poster; the admin preview passes settings it has not saved yet. */
export async function renderInvite(
  deps: AppDeps,
  who: { nickname: string; avatarUrl: string | null; link: string; code: string },
  override: Partial<{
    template: PosterTemplateId;
    inviteBackgroundKey: string | null;
    inviteText: string;
  }> = {},
) {
  const settings = { ...(await getSettings(deps.db, "posters")), ...override };
  const shop = await getSettings(deps.db, "shop");
  const inputs = {
    kind: "invite",
    template: settings.template,
    shopName: shop.shopName,
    nickname: who.nickname,
    avatarUrl: who.avatarUrl,
    inviteText: settings.inviteText,
    backgroundKey: settings.inviteBackgroundKey,
    link: who.link,
  };
  return cachedDraw(deps, inputs, async () =>
    drawInvitePoster({
      ...inputs,
      avatar: await readShopImage(deps, who.avatarUrl),
      background: await readShopImageKey(deps, settings.inviteBackgroundKey),
      code: await codeSourceOf(deps).render({
        link: who.link,
        page: "pages/index/index",
        scene: who.code,
        sizePx: INVITE_CODE_PX,
      }),
    }),
  );
}

/** The admin's live preview of a product poster with a sample distributor and the chosen template. */
export async function previewProductPoster(deps: AppDeps, productId: number, template: PosterTemplateId) {
  const product = await shareableProduct(deps, productId);
  const skus = await findLiveSkus(deps.db, productId);
  const shop = await getSettings(deps.db, "shop");
  const link = shareLink(deps.config.publicUrl, "PREVIEW", { kind: "product", productId });
  const inputs = {
    kind: "product-preview",
    badge: await posterBadge(
      deps,
      productId,
      skus.map((s) => s.id),
    ),
    template,
    shopName: shop.shopName,
    nickname: "示例分销员",
    title: product.title,
    priceFen: skus.length ? Math.min(...skus.map((s) => s.priceFen)) : 0,
    imageUrl: product.images[0] ?? null,
    link,
  };
  return cachedDraw(deps, inputs, async () =>
    drawProductPoster({
      ...inputs,
      avatar: null,
      image: await readShopImage(deps, inputs.imageUrl),
      code: await codeSourceOf(deps).render({
        link,
        page: "pages/product/index",
        scene: "PREVIEW",
        sizePx: PRODUCT_CODE_PX,
      }),
    }),
  );
}
