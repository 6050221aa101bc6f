// 团购挑战 through HTTP: each participant pays the tier reached when they join; at the end the final tier is
// fixed and every paid order is refunded the difference once through the after-sale refund path (two
// settlements at once refund nobody twice); the orders carry group_challenge and their commission, switched
// on for challenges, shrinks with the refund.
import { eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { orders } from "../../src/db/schema/commerce.ts";
import { commissions } from "../../src/db/schema/distribution.ts";
import { settleEndedChallenges } from "../../src/modules/marketing/group-challenges.ts";
import { createFreight, createProduct, pay } from "../commerce/fixtures.ts";
import { buyer, DAY, distributor, enableDistribution } from "../distribution/support.ts";
import { startTestApp } from "../support/test-app.ts";

const ctx = await startTestApp();
const { client, clock, deps } = ctx;
const owner = await client.loginOwner();
await enableDistribution(ctx, owner, {
  plan: { enabled: true, levels: 1, ratesBps: [1000, 0, 0], activityCommission: { group_challenge: true } },
});
await createFreight(ctx, owner, { freeOverFen: 1 });
const tea = await createProduct(ctx, owner, { title: "明前龙井", skus: [{ priceFen: 10_000, stock: 100 }] });
const teaSku = tea.skus[0]!.id;
const sharer = await distributor(ctx);

describe("a challenge: 2 people → 8折, 3 people → 5折", () => {
  test("pay as you join, refunded down to the final tier at the end, once; commission follows", async () => {
    const created = await client.post(
      "/api/admin/v1/activities",
      {
        kind: "group_challenge",
        name: "龙井三人挑战",
        startsAt: new Date(clock.now().getTime() - 1000),
        endsAt: new Date(clock.now().getTime() + DAY),
        args: {
          items: [{ skuId: String(teaSku) }],
          tiers: [
            { participants: 2, payBps: 8000 },
            { participants: 3, payBps: 5000 },
          ],
        },
      },
      owner,
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as number;

    const joined = [];
    for (const expected of [10_000, 10_000, 8000]) {
      const s = await buyer(ctx, sharer.code);
      const placed = await client.post(
        "/api/v1/orders",
        { items: [{ skuId: teaSku, quantity: 1 }], addressId: s.addressId },
        s.token,
      );
      expect(placed.status, JSON.stringify(placed.body)).toBe(201);
      expect(placed.body.payableFen).toBe(expected);
      await pay(ctx, placed.body);
      joined.push({ s, order: placed.body });
    }
    // one each: a second join is refused
    const again = await client.post(
      "/api/v1/orders",
      { items: [{ skuId: teaSku, quantity: 1 }], addressId: joined[0]!.s.addressId },
      joined[0]!.s.token,
    );
    expect([again.status, again.body.error.code]).toEqual([409, "ACTIVITY_LIMIT_EXCEEDED"]);

    const progress = await client.get(`/api/v1/group-challenges/${id}`);
    expect(progress.body).toMatchObject({
      state: "running",
      participants: 3,
      payBps: 5000,
      next: null,
      skus: [{ skuId: teaSku, listPriceFen: 10_000, priceFen: 5000 }],
    });
    const kinds = await deps.db
      .select({ kind: orders.activityKind })
      .from(orders)
      .where(eq(orders.id, joined[0]!.order.id));
    expect(kinds).toEqual([{ kind: "group_challenge" }]);

    clock.advance(DAY + 1000);
    const runs = await Promise.all([
      settleEndedChallenges(deps, clock.now()),
      settleEndedChallenges(deps, clock.now()),
    ]);
    expect(runs[0]! + runs[1]!).toBe(3);
    expect(await settleEndedChallenges(deps, clock.now())).toBe(0);

    const results = await client.get(`/api/admin/v1/group-challenges/${id}/results`, owner);
    expect(results.body).toMatchObject({
      state: "ended",
      settled: true,
      participants: 3,
      refundedFen: 13_000,
    });
    expect(
      results.body.refunds.map((r: { refundFen: number; status: string }) => [r.refundFen, r.status]),
    ).toEqual([
      [5000, "refunded"],
      [5000, "refunded"],
      [3000, "refunded"],
    ]);
    for (const { s, order } of joined) {
      const seen = await client.get(`/api/v1/orders/${order.id}`, s.token);
      expect(seen.body.refundedFen).toBe(order.payableFen - 5000);
      expect(seen.body.status).toBe("paid");
    }
    // commission was paid on what each paid, and is clawed back down to 10% of ¥50
    const earned = await deps.db
      .select({ amount: commissions.amountFen, clawed: commissions.clawedBackFen })
      .from(commissions)
      .where(
        sql`${commissions.orderId} in (${sql.join(
          joined.map((j) => sql`${j.order.id}`),
          sql`, `,
        )})`,
      )
      .orderBy(commissions.orderId);
    expect(earned.map((c) => c.amount - c.clawed)).toEqual([500, 500, 500]);
  });
});

describe("the screens' reads, and a shopper who joined before the end and pays after it", () => {
  test("the shop lists the tier's price; the order page shows the refund; settlement waits for the unpaid", async () => {
    const tin = await createProduct(ctx, owner, {
      title: "碧螺春",
      skus: [{ priceFen: 10_000, stock: 100 }],
    });
    const skuId = tin.skus[0]!.id;
    const created = await client.post(
      "/api/admin/v1/activities",
      {
        kind: "group_challenge",
        name: "碧螺春挑战",
        startsAt: new Date(clock.now().getTime() - 1000),
        endsAt: new Date(clock.now().getTime() + 60_000),
        args: {
          items: [{ skuId: String(skuId) }],
          tiers: [
            { participants: 2, payBps: 8000 },
            { participants: 3, payBps: 5000 },
          ],
        },
      },
      owner,
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as number;
    const shopPrice = async () => {
      const listed = await client.get("/api/v1/activities");
      const challenge = listed.body.find((a: { id: number }) => a.id === id);
      return challenge.skus.map((s: { skuId: number; priceFen: number }) => [s.skuId, s.priceFen]);
    };
    expect(await shopPrice()).toEqual([[skuId, 10_000]]);

    const place = async () => {
      const s = await buyer(ctx, sharer.code);
      const placed = await client.post(
        "/api/v1/orders",
        { items: [{ skuId, quantity: 1 }], addressId: s.addressId },
        s.token,
      );
      expect(placed.status, JSON.stringify(placed.body)).toBe(201);
      return { s, order: placed.body };
    };
    const first = await place();
    await pay(ctx, first.order);
    const second = await place();
    await pay(ctx, second.order);
    expect(await shopPrice()).toEqual([[skuId, 8000]]);
    // the third joins at 8折 and has not paid when the challenge ends
    const late = await place();
    expect(late.order.payableFen).toBe(8000);

    const seen = await client.get(`/api/v1/orders/${first.order.id}/group-challenge`, first.s.token);
    expect(seen.body).toMatchObject({ id, state: "running", settled: false, refund: null });
    const foreign = await client.get(`/api/v1/orders/${first.order.id}/group-challenge`, second.s.token);
    expect(foreign.status).toBe(404);

    clock.advance(61_000);
    expect(await settleEndedChallenges(deps, clock.now())).toBe(0);
    await pay(ctx, late.order);
    expect(await settleEndedChallenges(deps, clock.now())).toBe(3);

    const after = await client.get(`/api/v1/orders/${first.order.id}/group-challenge`, first.s.token);
    expect(after.body).toMatchObject({
      state: "ended",
      settled: true,
      participants: 3,
      payBps: 5000,
      refund: { refundFen: 5000, status: "refunded" },
    });
    const lateSeen = await client.get(`/api/v1/orders/${late.order.id}/group-challenge`, late.s.token);
    expect(lateSeen.body.refund).toMatchObject({ refundFen: 3000, status: "refunded" });
  });
});
