// The activity badge on a product poster: a running group buy of the product ("3人团 ¥59.00") comes first,
// then a price activity on one of its SKUs (its name and the lowest activity price); none: no badge.
import { fen, formatYuan } from "@liebian/domain";
import type { AppDeps } from "../../deps.ts";
import { listRunningGroupBuys } from "../group-buys/activities.ts";
import { getShopActivities } from "../marketing/shop-activities.ts";

export type BadgeFacts = {
  groupBuys: { groupSize: number; items: { groupPriceFen: number }[] }[];
  priceActivities: { name: string; skus: { skuId: number; priceFen: number }[] }[];
  skuIds: number[];
};

/** Example: a 3-person group buy at ¥59 → "3人团 ¥59.00"; a 限时折扣 at ¥80 on one SKU → "限时折扣 ¥80.00". */
export function decidePosterBadge(facts: BadgeFacts): string | null {
  const group = facts.groupBuys.find((g) => g.items.length > 0);
  if (group) {
    const low = Math.min(...group.items.map((i) => i.groupPriceFen));
    return `${group.groupSize}人团 ¥${formatYuan(fen(low))}`;
  }
  for (const activity of facts.priceActivities) {
    const mine = activity.skus.filter((s) => facts.skuIds.includes(s.skuId));
    if (mine.length > 0) {
      const low = Math.min(...mine.map((s) => s.priceFen));
      return `${activity.name.slice(0, 8)} ¥${formatYuan(fen(low))}`;
    }
  }
  return null;
}

export async function posterBadge(deps: Pick<AppDeps, "db" | "now">, productId: number, skuIds: number[]) {
  const groupBuys = await listRunningGroupBuys(deps, productId);
  const priceActivities = groupBuys.length > 0 ? [] : await getShopActivities(deps);
  return decidePosterBadge({ groupBuys, priceActivities, skuIds });
}
