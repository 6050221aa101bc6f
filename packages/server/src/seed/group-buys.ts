// Demo group buys: the seeds' smart band (¥199, three people pay ¥149 each within 24 hours) and the coding
// course (a five-person group at 90% of ¥999, ¥50 to the opener). The course becomes a service product here:
// it is delivered by a redemption code, with no address and no freight.
import { groupBuyArgs } from "@liebian/domain";
import { eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { products, skus } from "../db/schema/commerce.ts";
import { groupBuyActivities } from "../db/schema/group-buys.ts";
import { inTransaction } from "../db/transaction.ts";

const DAY = 86_400_000;

export async function seedGroupBuys(db: Db, now: Date): Promise<void> {
  await inTransaction(db, async (tx) => {
    const found = await tx
      .select({ id: skus.id, code: skus.code, productId: skus.productId })
      .from(skus)
      .where(inArray(skus.code, ["BAND-BLK", "BAND-PNK", "COURSE-999"]));
    const sku = (code: string) => found.find((s) => s.code === code);
    const window = {
      startsAt: now,
      endsAt: new Date(now.getTime() + 30 * DAY),
      createdAt: now,
      updatedAt: now,
    };
    const black = sku("BAND-BLK");
    const pink = sku("BAND-PNK");
    if (black && pink) {
      const args = groupBuyArgs.parse({
        items: [
          { skuId: String(black.id), groupPriceFen: 14_900 },
          { skuId: String(pink.id), groupPriceFen: 14_900 },
        ],
        groupSize: 3,
        timeLimitMinutes: 24 * 60,
      });
      await tx
        .insert(groupBuyActivities)
        .values({ title: "智能手环 三人团", productId: black.productId, args, ...window });
    }
    const course = sku("COURSE-999");
    if (course) {
      await tx
        .update(products)
        .set({ kind: "service", serviceValidDays: 365 })
        .where(eq(products.id, course.productId));
      const args = groupBuyArgs.parse({
        items: [{ skuId: String(course.id), groupPriceFen: 89_910 }],
        groupSize: 5,
        timeLimitMinutes: 48 * 60,
        leaderBonusFen: 5_000,
        perPersonLimit: 1,
      });
      await tx
        .insert(groupBuyActivities)
        .values({ title: "编程课 五人团 9 折", productId: course.productId, args, ...window });
    }
  });
}
