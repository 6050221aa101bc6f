// Coupon races only PostgreSQL can show: 100 shoppers claiming the last 10 coupons at once, one shopper
// claiming twice at once, and one coupon in two orders at once.
import { beforeAll, describe, expect, test } from "vitest";
import { hashToken, newToken } from "../../src/lib/tokens.ts";
import { insertSession, insertUser } from "../../src/modules/accounts/repo.ts";
import { createProduct, shopperWithAddress } from "../commerce/fixtures.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";
import { onPostgres } from "../support/test-database.ts";

let ctx: TestContext;
let owner: string;

describe.runIf(onPostgres)("coupon races on PostgreSQL", () => {
  beforeAll(async () => {
    ctx = await startTestApp();
    owner = await ctx.client.loginOwner();
  });

  /** Shoppers with a session each, written directly: signing up 100 through the API costs 20 s of hashing. */
  const signedInShoppers = async (n: number) =>
    Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const user = await insertUser(ctx.deps.db, {
          nickname: `抢券${i}`,
          phone: `1370${String(Date.now() % 1e4).padStart(4, "0")}${String(i).padStart(3, "0")}`,
        });
        const token = newToken();
        await insertSession(ctx.deps.db, {
          tokenHash: hashToken(token),
          subjectKind: "user",
          subjectId: user!.id,
          expiresAt: new Date(ctx.clock.now().getTime() + 86_400_000),
        });
        return { token };
      }),
    );

  const template = async (totalQuantity: number, perPersonLimit = 1) => {
    const res = await ctx.client.post(
      "/api/admin/v1/coupon-templates",
      {
        name: "抢券",
        kind: "coupon_amount_off",
        args: { offFen: 100 },
        validDays: 3,
        totalQuantity,
        perPersonLimit,
      },
      owner,
    );
    return res.body.id as number;
  };

  test("100 concurrent claims for 10 coupons: exactly 10 succeed, the rest are sold out", async () => {
    const id = await template(10);
    const shoppers = await signedInShoppers(100);
    const results = await Promise.all(
      shoppers.map((s) => ctx.client.post(`/api/v1/coupons/${id}/claim`, {}, s.token)),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    expect(new Set(results.filter((r) => r.status !== 201).map((r) => r.body.error.code))).toEqual(
      new Set(["COUPON_SOLD_OUT"]),
    );
    const list = await ctx.client.get("/api/admin/v1/coupon-templates", owner);
    expect(list.body.find((t: { id: number }) => t.id === id).issuedCount).toBe(10);
  });

  test("one shopper claiming 5 times at once holds exactly their limit of 2", async () => {
    const id = await template(50, 2);
    const s = await ctx.client.registerShopper();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => ctx.client.post(`/api/v1/coupons/${id}/claim`, {}, s.token)),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect((await ctx.client.get("/api/v1/coupons/mine", s.token)).body).toHaveLength(2);
  });

  test("one coupon in two orders at once: one order is placed, the other refused", async () => {
    const id = await template(5);
    const sku = (await createProduct(ctx, owner, { skus: [{ priceFen: 5000, stock: 20 }] })).skus[0]!.id;
    const s = await shopperWithAddress(ctx);
    const couponId = (await ctx.client.post(`/api/v1/coupons/${id}/claim`, {}, s.token)).body.couponId;
    const body = { items: [{ skuId: sku, quantity: 1 }], addressId: s.addressId, couponId };
    const results = await Promise.all([1, 2, 3].map(() => ctx.client.post("/api/v1/orders", body, s.token)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 201)) expect(r.body.error.code).toBe("COUPON_USED");
  });
});
