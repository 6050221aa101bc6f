// Demo marketing so `npm start` shows it: the seed's ¥100 gift box at 8折 for 24 hours, a flash sale on the
// serum (¥299 → ¥199) with 20 units of activity stock (one per person), 满200减50 for a week, and two coupons in the
// coupon centre (满100减20 and free shipping, each valid 7 days from claiming).
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

export async function seedMarketing(db: Db, now: Date): Promise<void> {
  const gift = await skuByCode(db, "GIFT-100");
  const serum = await skuByCode(db, "SERUM-30");
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
    if (serum !== null) {
      const flash = await insertActivity(tx, {
        kind: "flash_sale",
        name: "精华秒杀",
        args: {
          items: [{ skuId: String(serum), priceFen: 19900, stock: 20 }],
          perPersonLimit: 1,
          stackable: false,
        },
        ...day,
      });
      await replaceActivitySkus(tx, flash.id, [{ skuId: serum, stock: 20 }]);
    }
    await insertActivity(tx, {
      kind: "threshold_amount_off",
      name: "满200减50",
      args: { scope: { type: "all" }, basis: "amount", tiers: [{ atLeast: 20000, offFen: 5000 }] },
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
