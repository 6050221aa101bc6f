// What the shop shows of the activities running now: per SKU the activity price and stock left (for badges,
// prices in lists and countdowns), and the threshold lines ("满200减50"). Read from the running-activities
// cache plus one query for the list prices a 折 is taken of; gifts (满1件赠) name their gift's product, one
// more query while a gift activity runs.
import {
  applyBps,
  bps,
  computeChallengePayBps,
  fen,
  findPromotionKind,
  type GroupChallengeArgs,
  giftKind,
  type LinePriceArgs,
  thresholdText,
} from "@liebian/domain";
import { eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { products, skus } from "../../db/schema/commerce.ts";
import { loadRunningActivities } from "./running-activities.ts";

type Tier = { atLeast: number; offFen?: number; payBps?: number };
type ThresholdArgs = {
  basis?: "amount" | "quantity";
  tiers?: Tier[];
  atLeast?: number;
  scope?: { type: "all" | "categories" | "products"; categoryIds?: string[]; productIds?: string[] };
};

/** Which goods an activity covers, ids as numbers: all, or chosen categories or products. */
export function scopeOf(args: Pick<ThresholdArgs, "scope">) {
  const scope = args.scope ?? { type: "all" as const };
  return {
    type: scope.type,
    categoryIds: (scope.categoryIds ?? []).map(Number),
    productIds: (scope.productIds ?? []).map(Number),
  };
}

function thresholdLines(kind: string, args: ThresholdArgs): string[] {
  const at = (n: number) => thresholdText(args.basis ?? "amount", n);
  if (kind === "threshold_free_shipping") return [`${at(args.atLeast ?? 0)}包邮`];
  return (args.tiers ?? []).map((t) =>
    t.offFen !== undefined
      ? `${at(t.atLeast)}减${t.offFen / 100}`
      : `${at(t.atLeast)}${(t.payBps ?? 0) / 1000}折`,
  );
}

/** "满1件赠 帆布袋×1" per gift of each running gift activity, by activity id. */
async function giftLines(db: Db, rows: { id: number; kind: string; args: unknown }[]) {
  const gifts = rows
    .filter((r) => r.kind === "gift")
    .map((r) => ({ id: r.id, args: giftKind.args.parse(r.args) }));
  const skuIds = [...new Set(gifts.flatMap((g) => g.args.items.map((i) => Number(i.skuId))))];
  if (skuIds.length === 0) return new Map<number, string[]>();
  const titles = new Map(
    (
      await db
        .select({ id: skus.id, title: products.title })
        .from(skus)
        .innerJoin(products, eq(products.id, skus.productId))
        .where(inArray(skus.id, skuIds))
    ).map((s) => [String(s.id), s.title]),
  );
  return new Map(
    gifts.map((g) => [
      g.id,
      g.args.items.map(
        (i) => `${thresholdText(g.args.basis, g.args.atLeast)}赠 ${titles.get(i.skuId) ?? ""}×${i.quantity}`,
      ),
    ]),
  );
}

export async function getShopActivities(deps: { db: Db; now: () => Date }) {
  const now = deps.now();
  const rows = (await loadRunningActivities(deps.db, now)).filter((r) => new Date(r.startsAt) <= now);
  const priced = rows.filter((r) => findPromotionKind(r.kind)?.stage === "price");
  const skuIds = [
    ...new Set(priced.flatMap((r) => ((r.args as LinePriceArgs).items ?? []).map((i) => Number(i.skuId)))),
  ];
  const prices =
    skuIds.length === 0
      ? new Map<number, { productId: number; priceFen: number }>()
      : new Map(
          (
            await deps.db
              .select({ id: skus.id, productId: skus.productId, priceFen: skus.priceFen })
              .from(skus)
              .where(inArray(skus.id, skuIds))
          ).map((s) => [s.id, s]),
        );
  const gifts = await giftLines(deps.db, rows);
  return rows
    .filter((r) => findPromotionKind(r.kind)?.stage !== "coupon")
    .map((r) => {
      const args = r.args as Partial<LinePriceArgs> & ThresholdArgs;
      const stage = findPromotionKind(r.kind)?.stage;
      // a challenge's items carry no price: they sell at the share of the tier its participants reached
      const challengeBps =
        r.kind === "group_challenge"
          ? computeChallengePayBps(r.args as GroupChallengeArgs, r.participants)
          : undefined;
      return {
        id: r.id,
        kind: r.kind,
        name: r.name,
        startsAt: new Date(r.startsAt),
        endsAt: new Date(r.endsAt),
        skus:
          stage === "price"
            ? (args.items ?? []).flatMap((i) => {
                const sku = prices.get(Number(i.skuId));
                if (sku === undefined) return [];
                const priceFen =
                  i.priceFen ?? applyBps(fen(sku.priceFen), bps(challengeBps ?? i.payBps ?? 10_000));
                return [
                  {
                    skuId: Number(i.skuId),
                    productId: sku.productId,
                    priceFen,
                    stockLeft: r.stock?.[i.skuId] ?? null,
                  },
                ];
              })
            : [],
        details: stage === "order" ? thresholdLines(r.kind, args) : (gifts.get(r.id) ?? []),
        scope: stage === "order" || stage === "gift" ? scopeOf(args) : null,
        perPersonLimit: args.perPersonLimit ?? null,
      };
    });
}
