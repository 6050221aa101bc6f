// The shop's view of marketing: the activities running now (loaded once and kept for a short while), what they
// mean for one product (activity price, badge, countdown end, threshold lines), and the coupon calls.
import type { paths } from "@liebian/sdk";
import { useEffect, useState } from "react";
import { api, call } from "./api.ts";

type Json<R> = R extends { content: { "application/json": infer B } } ? B : never;
export type ShopActivity = Json<paths["/api/v1/activities"]["get"]["responses"][200]>[number];
export type CentreCoupon = Json<paths["/api/v1/coupons/centre"]["get"]["responses"][200]>[number];
export type MyCoupon = Json<paths["/api/v1/coupons/mine"]["get"]["responses"][200]>[number];
export type CouponStatus = MyCoupon["status"];

/** How long a loaded list of activities serves the lists and product pages before it is asked again. */
export const ACTIVITIES_FRESH_MS = 30_000;
let remembered: { untilMs: number; list: Promise<ShopActivity[]> } | null = null;

export function loadShopActivities(): Promise<ShopActivity[]> {
  if (remembered && Date.now() < remembered.untilMs) return remembered.list;
  const list = call(api.GET("/api/v1/activities")).catch(() => [] as ShopActivity[]);
  remembered = { untilMs: Date.now() + ACTIVITIES_FRESH_MS, list };
  return list;
}

/** The running activities; an empty list until they arrive (or when they cannot be read). */
export function useShopActivities(): ShopActivity[] {
  const [list, setList] = useState<ShopActivity[]>([]);
  useEffect(() => {
    let current = true;
    loadShopActivities().then((l) => current && setList(l));
    return () => {
      current = false;
    };
  }, []);
  return list;
}

export type ActivityPrice = {
  activityId: number;
  skuId: number;
  kind: string;
  name: string;
  /** The activity price of this SKU (or the lowest of the product's SKUs). */
  priceFen: number;
  endsAt: string;
  /** Activity stock left (null: not set aside). */
  stockLeft: number | null;
  perPersonLimit: number | null;
};

export type ProductPromotion = {
  /** Per SKU id, the activity price it sells at now. */
  skuPrices: Map<number, ActivityPrice>;
  /** The product's lowest activity price, for lists. */
  lowest: ActivityPrice | null;
  /** "满200减50" lines of the threshold activities that cover the product. */
  thresholds: string[];
  /** "满1件赠 小样×1" lines of the gift activities (买赠 / 满赠) that cover the product. */
  gifts: string[];
};

function covers(scope: ShopActivity["scope"], productId: number, categoryId: number | null): boolean {
  if (!scope) return false;
  if (scope.type === "all") return true;
  if (scope.type === "products") return scope.productIds.includes(productId);
  return categoryId !== null && scope.categoryIds.includes(categoryId);
}

/**
 * What the running activities do to one product. A SKU in two price activities sells at the lower price, as
 * checkout prices it; a SKU whose activity stock is gone shows its normal price.
 */
export function promotionOf(
  activities: readonly ShopActivity[],
  product: { id: number; categoryId: number | null },
): ProductPromotion {
  const skuPrices = new Map<number, ActivityPrice>();
  const thresholds: string[] = [];
  const gifts: string[] = [];
  for (const a of activities) {
    for (const s of a.skus) {
      if (s.productId !== product.id || s.stockLeft === 0) continue;
      const known = skuPrices.get(s.skuId);
      if (known && known.priceFen <= s.priceFen) continue;
      skuPrices.set(s.skuId, {
        activityId: a.id,
        skuId: s.skuId,
        kind: a.kind,
        name: a.name,
        priceFen: s.priceFen,
        endsAt: String(a.endsAt),
        stockLeft: s.stockLeft,
        perPersonLimit: a.perPersonLimit,
      });
    }
    if (covers(a.scope, product.id, product.categoryId))
      (a.kind === "gift" ? gifts : thresholds).push(...a.details);
  }
  let lowest: ActivityPrice | null = null;
  for (const p of skuPrices.values()) if (!lowest || p.priceFen < lowest.priceFen) lowest = p;
  return { skuPrices, lowest, thresholds, gifts };
}

export type WelcomeOffer = Json<paths["/api/v1/welcome-offer"]["get"]["responses"][200]>;

/**
 * The welcome offer (新客首单礼) this shopper would get on this product: when it runs, covers the product, and
 * the server says they qualify — or, nobody logged in, they arrived by a distributor's link (`referred`).
 */
export function welcomeFor(
  answer: WelcomeOffer | null,
  product: { id: number; categoryId: number | null },
  referred: boolean,
): NonNullable<WelcomeOffer["offer"]> | null {
  const offer = answer?.offer;
  if (!offer || !(answer.eligible ?? referred)) return null;
  return covers(offer.scope, product.id, product.categoryId) ? offer : null;
}

/** The welcome offer running now and whether it applies to whoever is logged in; null until it arrives. */
export function useWelcomeOffer(signedIn: boolean): WelcomeOffer | null {
  const [answer, setAnswer] = useState<WelcomeOffer | null>(null);
  // asked again when the shopper logs in or out: whether it applies is theirs
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    let current = true;
    call(api.GET("/api/v1/welcome-offer")).then(
      (a) => current && setAnswer(a),
      () => current && setAnswer(null),
    );
    return () => {
      current = false;
    };
  }, [signedIn]);
  return answer;
}

/** Splits what is left of a window into days, hours, minutes and seconds (all zero once it has passed). */
export function countdownParts(endsAtMs: number, nowMs: number) {
  const left = Math.max(0, Math.floor((endsAtMs - nowMs) / 1000));
  return {
    days: Math.floor(left / 86_400),
    hours: Math.floor((left % 86_400) / 3600),
    minutes: Math.floor((left % 3600) / 60),
    seconds: left % 60,
    over: left === 0,
  };
}

export const couponApi = {
  centre: () => call(api.GET("/api/v1/coupons/centre")),
  mine: (status: CouponStatus) => call(api.GET("/api/v1/coupons/mine", { params: { query: { status } } })),
  claim: (templateId: number) =>
    call(api.POST("/api/v1/coupons/{id}/claim", { params: { path: { id: templateId } } })),
};
