// Demo marketing so `npm start` shows it: the seed's ¥100 gift box at 8折 for 24 hours, a flash sale on the
// mangoes (¥49.90 → ¥39.90) with 20 units of activity stock (one per person), 满200减50 on the shirts for a week, and
// two coupons in the coupon centre (满100减20 and free shipping, each valid 7 days from claiming). The serum, the
// apples and the course keep their list prices: they carry the seeds' worked commission examples (¥30 / ¥10 a
// bottle), which a discount would change.
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { skus } from "../db/schema/commerce.ts";
import { inTransaction } from "../db/transaction.ts";
import { insertActivity, replaceActivitySkus } from "../modules/marketing/activities-repo.ts";
import { insertCouponTemplate } from "../modules/marketing/coupons-repo.ts";

const HOUR = 3_600_000;

async function skuByCode(db: Db, code: string) {
  const [row] = await db.select({ id: skus.id }).from(skus).where(eq(skus.code, code));
  return row?.id ?? null;
}

async function productOfSku(db: Db, code: string) {
  const [row] = await db.select({ id: skus.productId }).from(skus).where(eq(skus.code, code));
  return row?.id ?? null;
}

export async function seedMarketing(db: Db, now: Date): Promise<void> {
  const gift = await skuByCode(db, "GIFT-100");
  const mango = await skuByCode(db, "MANGO-5");
  const shirt = await productOfSku(db, "SHIRT-M-W");
  const day = { startsAt: now, endsAt: new Date(now.getTime() + 24 * HOUR), updatedAt: now };
  await inTransaction(db, async (tx) => {
    if (gift !== null) {
      const timed = await insertActivity(tx, {
        kind: "timed_discount",
        name: "限时8折",
        args: { items: [{ skuId: String(gift), payBps: 8000 }], perPersonLimit: null, stackable: false },
        ...day,
      });
      await replaceActivitySkus(tx, timed.id, [{ skuId: gift, stock: null }]);
    }
    if (mango !== null) {
      const flash = await insertActivity(tx, {
        kind: "flash_sale",
        name: "芒果秒杀",
        args: {
          items: [{ skuId: String(mango), priceFen: 3990, stock: 20 }],
          perPersonLimit: 1,
          stackable: false,
        },
        ...day,
      });
      await replaceActivitySkus(tx, flash.id, [{ skuId: mango, stock: 20 }]);
    }
    if (shirt !== null)
      await insertActivity(tx, {
        kind: "threshold_amount_off",
        name: "满200减50",
        args: {
          scope: { type: "products", productIds: [String(shirt)] },
          basis: "amount",
          tiers: [{ atLeast: 20000, offFen: 5000 }],
        },
        startsAt: now,
        endsAt: new Date(now.getTime() + 7 * 24 * HOUR),
        updatedAt: now,
      });
    await insertCouponTemplate(tx, {
      name: "满100减20",
      kind: "coupon_amount_off",
      args: { scope: { type: "all" }, minSpendFen: 10000, offFen: 2000 },
      validDays: 7,
      totalQuantity: 1000,
      perPersonLimit: 1,
      updatedAt: now,
    });
    await insertCouponTemplate(tx, {
      name: "包邮券",
      kind: "coupon_free_shipping",
      args: { scope: { type: "all" }, minSpendFen: 0 },
      validDays: 7,
      totalQuantity: 1000,
      perPersonLimit: 2,
      updatedAt: now,
    });
  });
}
