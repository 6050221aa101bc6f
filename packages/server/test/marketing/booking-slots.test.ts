// Booking slots of a service product: staff add a slot with 2 places; three paid course orders book it at
// once and exactly two get in; an order books once; a booking is cancelled until 24 hours before the start
// (the place comes back and someone else takes it), not after.
import { describe, expect, test } from "vitest";
import { createProduct, pay } from "../commerce/fixtures.ts";
import { startTestApp } from "../support/test-app.ts";

const HOUR = 3_600_000;
const ctx = await startTestApp();
const { client, clock } = ctx;
const owner = await client.loginOwner();
const trial = await createProduct(ctx, owner, {
  title: "编程体验课",
  kind: "service",
  skus: [{ priceFen: 19_900, stock: 50 }],
});

async function paidOrder() {
  const shopper = await client.registerShopper();
  const placed = await client.post(
    "/api/v1/orders",
    { items: [{ skuId: trial.skus[0]!.id, quantity: 1 }] },
    shopper.token,
  );
  expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  return { shopper, order: placed.body as { id: number; orderNo: string; payableFen: number } };
}
const book = (p: { shopper: { token: string }; order: { id: number } }, slotId: number) =>
  client.post(`/api/v1/orders/${p.order.id}/booking`, { slotId }, p.shopper.token);

describe("booking a trial class's slot", () => {
  test("2 places, 3 bookings at once → 2 booked, 1 full; cancel up to 24 h before frees the place", async () => {
    const startsAt = new Date(clock.now().getTime() + 48 * HOUR);
    const created = await client.post(
      "/api/admin/v1/service-slots",
      { productId: trial.id, startsAt, endsAt: new Date(startsAt.getTime() + HOUR), capacity: 2 },
      owner,
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const slotId = created.body.id as number;

    const unpaid = await paidOrder();
    const early = await book(unpaid, slotId);
    expect([early.status, early.body.error.code]).toEqual([409, "BOOKING_ORDER_NOT_BOOKABLE"]);

    const buyers = [unpaid, await paidOrder(), await paidOrder()];
    for (const b of buyers) await pay(ctx, b.order);
    const answers = await Promise.all(buyers.map((b) => book(b, slotId)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 409]);
    const refused = answers.find((a) => a.status === 409)!;
    expect(refused.body.error.code).toBe("BOOKING_SLOT_FULL");
    const shop = await client.get(`/api/v1/products/${trial.id}/slots`);
    expect(shop.body).toEqual([expect.objectContaining({ id: slotId, capacity: 2, booked: 2, left: 0 })]);

    const [inA, inB] = buyers.filter((_, i) => answers[i]!.status === 201);
    const out = buyers[answers.indexOf(refused)]!;
    const twice = await book(inA!, slotId);
    expect([twice.status, twice.body.error.code]).toEqual([409, "BOOKING_EXISTS"]);
    const mine = await client.get(`/api/v1/orders/${inA!.order.id}/booking`, inA!.shopper.token);
    expect(mine.body.booking).toMatchObject({ status: "booked", slot: { id: slotId } });
    const foreign = await client.get(`/api/v1/orders/${inA!.order.id}/booking`, out.shopper.token);
    expect(foreign.status).toBe(404);

    // 48 h before: cancelling frees the place, and the one left out takes it.
    expect((await client.delete(`/api/v1/orders/${inA!.order.id}/booking`, inA!.shopper.token)).status).toBe(
      200,
    );
    expect((await book(out, slotId)).status).toBe(201);

    clock.advance(25 * HOUR);
    const late = await client.delete(`/api/v1/orders/${inB!.order.id}/booking`, inB!.shopper.token);
    expect([late.status, late.body.error.code]).toEqual([409, "BOOKING_CANCEL_TOO_LATE"]);
    const admin = await client.get(`/api/admin/v1/service-slots?productId=${trial.id}`, owner);
    expect(admin.body[0]).toMatchObject({ booked: 2, left: 0 });
  });
});
