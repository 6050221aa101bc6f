// The demo shop shows marketing at once: the ¥100 gift box at 8折, the mangoes' flash sale with its stock, 满200减50 on the shirts
// and a coupon a shopper can claim and use.
import { expect, test } from "vitest";
import { seedCatalog } from "../../src/seed/catalog.ts";
import { seedMarketing } from "../../src/seed/marketing.ts";
import { shopperWithAddress } from "../commerce/fixtures.ts";
import { startTestApp } from "../support/test-app.ts";

const ctx = await startTestApp();
await seedCatalog(ctx.deps.db, ctx.clock.now());
await seedMarketing(ctx.deps.db, ctx.clock.now());

test("demo marketing: a timed discount, a flash sale, 满200减50 and a claimable coupon", async () => {
  const running = (await ctx.client.get("/api/v1/activities")).body as Array<{
    name: string;
    skus: { priceFen: number; stockLeft: number | null }[];
    details: string[];
  }>;
  expect(running.find((a) => a.name === "限时8折")?.skus[0]).toMatchObject({ priceFen: 8000 });
  expect(running.find((a) => a.name === "芒果秒杀")?.skus[0]).toMatchObject({
    priceFen: 3990,
    stockLeft: 20,
  });
  expect(running.find((a) => a.name === "满200减50")?.details).toEqual(["满200减50"]);
  const shopper = await shopperWithAddress(ctx);
  const centre = (await ctx.client.get("/api/v1/coupons/centre", shopper.token)).body as Array<{
    id: number;
    summary: string;
  }>;
  const coupon = centre.find((c) => c.summary === "满100减20")!;
  expect((await ctx.client.post(`/api/v1/coupons/${coupon.id}/claim`, {}, shopper.token)).status).toBe(201);
});
