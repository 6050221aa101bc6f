// The demo catalog is browsable and buyable: the tree, eight products with valid commission rules,
// pictures served at /demo/*, ¥8 freight under ¥50 and none for the online course.
import { commissionOverrideSchema } from "@liebian/domain";
import { describe, expect, test } from "vitest";
import { seedCatalog } from "../../src/seed/catalog.ts";
import { startTestApp } from "../support/test-app.ts";
import { shopperWithAddress } from "./fixtures.ts";

const ctx = await startTestApp();
const { client, app } = ctx;
await seedCatalog(ctx.deps.db, ctx.clock.now());

describe("demo catalog", () => {
  test("browse the tree and the feed, see the pictures, buy with the right freight", async () => {
    const categories = (await client.get("/api/v1/categories")).body as Array<{
      id: number;
      name: string;
      parentId: number | null;
    }>;
    const shirt = categories.find((c) => c.name === "衬衫")!;
    const men = categories.find((c) => c.id === shirt.parentId)!;
    expect(categories.find((c) => c.id === men.parentId)?.name).toBe("服装");
    const feed = await client.get("/api/v1/products?limit=50");
    expect(feed.body.items).toHaveLength(8);
    const titles = feed.body.items.map((p: { title: string; priceFen: number }) => [p.title, p.priceFen]);
    expect(titles).toEqual(
      expect.arrayContaining([
        ["抗衰老护肤精华", 29900],
        ["限时特惠礼盒", 10000],
        ["少儿编程课程包（在线课程）", 99900],
      ]),
    );
    const image = await app.inject({ method: "GET", url: feed.body.items[0].imageUrl });
    expect(image.statusCode).toBe(200);
    expect(image.body).toContain("<svg");

    for (const card of feed.body.items) {
      const product = (await client.get(`/api/v1/products/${card.id}`)).body;
      if (product.commissionRule !== null)
        expect(commissionOverrideSchema.safeParse(product.commissionRule).success).toBe(true);
    }
    const shopper = await shopperWithAddress(ctx);
    const quoteOf = async (title: string) => {
      const card = feed.body.items.find((p: { title: string }) => p.title === title);
      const product = (await client.get(`/api/v1/products/${card.id}`)).body;
      const items = [{ skuId: product.skus[0].id, quantity: 1 }];
      return (
        await client.post("/api/v1/checkout/quote", { items, addressId: shopper.addressId }, shopper.token)
      ).body;
    };
    expect(await quoteOf("烟台红富士苹果")).toMatchObject({
      goodsFen: 3990,
      freightFen: 800,
      payableFen: 4790,
    });
    expect(await quoteOf("抗衰老护肤精华")).toMatchObject({ freightFen: 0, payableFen: 29900 });
    expect(await quoteOf("少儿编程课程包（在线课程）")).toMatchObject({ freightFen: 0, payableFen: 99900 });
  });
});
