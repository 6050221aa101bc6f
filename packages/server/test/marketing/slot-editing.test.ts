// Staff change and delete booking slots without breaking bookings: places never below those booked and the
// time fixed once someone booked (409 with a stable code, nothing changed); an empty slot is deleted; a
// refunded course gives its place back, and a shrink racing bookings never leaves more bookings than places.
import { describe, expect, test } from "vitest";
import { createProduct, pay } from "../commerce/fixtures.ts";
import { startTestApp } from "../support/test-app.ts";

const HOUR = 3_600_000;
const ctx = await startTestApp();
const { client, clock } = ctx;
const owner = await client.loginOwner();
const course = await createProduct(ctx, owner, {
  title: "钢琴体验课",
  kind: "service",
  skus: [{ priceFen: 19_900, stock: 50 }],
});

async function paidOrder() {
  const shopper = await client.registerShopper();
  const placed = await client.post(
    "/api/v1/orders",
    { items: [{ skuId: course.skus[0]!.id, quantity: 1 }] },
    shopper.token,
  );
  expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  await pay(ctx, placed.body);
  return { shopper, order: placed.body as { id: number; orderNo: string; items: { id: number }[] } };
}
type Paid = Awaited<ReturnType<typeof paidOrder>>;
const book = (p: Paid, slotId: number) =>
  client.post(`/api/v1/orders/${p.order.id}/booking`, { slotId }, p.shopper.token);
async function newSlot(capacity: number) {
  const startsAt = new Date(clock.now().getTime() + 72 * HOUR);
  const res = await client.post(
    "/api/admin/v1/service-slots",
    { productId: course.id, startsAt, endsAt: new Date(startsAt.getTime() + HOUR), capacity },
    owner,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; startsAt: string; endsAt: string; capacity: number };
}
const edit = (slot: { id: number; startsAt: string; endsAt: string }, change: Record<string, unknown>) =>
  client.put(
    `/api/admin/v1/service-slots/${slot.id}`,
    { startsAt: slot.startsAt, endsAt: slot.endsAt, capacity: 1, ...change },
    owner,
  );
const adminSlot = async (id: number) =>
  (
    (await client.get(`/api/admin/v1/service-slots?productId=${course.id}`, owner)).body as { id: number }[]
  ).find((s) => s.id === id) as { booked: number; capacity: number; left: number } | undefined;

describe("editing and deleting a slot", () => {
  test("places never below those booked, no move once booked, delete only when empty; a refund frees the place", async () => {
    const slot = await newSlot(3);
    const [a, b] = [await paidOrder(), await paidOrder()];
    expect((await book(a, slot.id)).status).toBe(201);
    expect((await book(b, slot.id)).status).toBe(201);

    const below = await edit(slot, { capacity: 1 });
    expect([below.status, below.body.error.code]).toEqual([409, "BOOKING_SLOT_BELOW_BOOKED"]);
    const later = new Date(new Date(slot.startsAt).getTime() + HOUR);
    const moved = await edit(slot, {
      capacity: 3,
      startsAt: later,
      endsAt: new Date(later.getTime() + HOUR),
    });
    expect([moved.status, moved.body.error.code]).toEqual([409, "BOOKING_SLOT_HAS_BOOKINGS"]);
    const gone = await client.delete(`/api/admin/v1/service-slots/${slot.id}`, owner);
    expect([gone.status, gone.body.error.code]).toEqual([409, "BOOKING_SLOT_HAS_BOOKINGS"]);
    expect(await adminSlot(slot.id)).toMatchObject({ capacity: 3, booked: 2 });

    const shrunk = await edit(slot, { capacity: 2, cancelBeforeHours: 2 });
    expect(shrunk.body).toMatchObject({ capacity: 2, booked: 2, left: 0, cancelBeforeHours: 2 });

    const bookings = await client.get(`/api/admin/v1/service-bookings?productId=${course.id}`, owner);
    expect(bookings.body.map((x: { orderNo: string }) => x.orderNo).sort()).toEqual(
      [a.order.orderNo, b.order.orderNo].sort(),
    );
    expect(bookings.body[0].phone).toMatch(/\*\*\*\*/);

    // A's course refunded: the booking is cancelled and the place comes back.
    const asked = await client.post(
      `/api/v1/orders/${a.order.id}/after-sales`,
      {
        kind: "refund_only",
        items: [{ orderItemId: a.order.items[0]!.id, quantity: 1 }],
        reason: "时间不合适",
      },
      a.shopper.token,
    );
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    await client.post(`/api/admin/v1/after-sales/${asked.body.id}/approve`, {}, owner);
    expect(
      (await client.get(`/api/v1/orders/${a.order.id}/booking`, a.shopper.token)).body.booking,
    ).toBeNull();
    expect(await adminSlot(slot.id)).toMatchObject({ booked: 1, left: 1 });
    const c = await paidOrder();
    expect((await book(c, slot.id)).status).toBe(201);

    // An empty slot is deleted: gone from the admin and the shop.
    const empty = await newSlot(5);
    expect((await client.delete(`/api/admin/v1/service-slots/${empty.id}`, owner)).body).toEqual({
      deleted: true,
    });
    expect(await adminSlot(empty.id)).toBeUndefined();
    const shop = await client.get(`/api/v1/products/${course.id}/slots`);
    expect(shop.body.map((s: { id: number }) => s.id)).toEqual([slot.id]);
    const again = await client.delete(`/api/admin/v1/service-slots/${empty.id}`, owner);
    expect(again.status).toBe(404);
  });

  test("shrinking to 1 while two book at once: never more bookings than places", async () => {
    const slot = await newSlot(2);
    const buyers = [await paidOrder(), await paidOrder()];
    const [shrink, ...booked] = await Promise.all([
      edit(slot, { capacity: 1 }),
      ...buyers.map((p) => book(p, slot.id)),
    ]);
    const ok = booked.filter((r) => r.status === 201).length;
    const after = (await adminSlot(slot.id))!;
    expect(after.booked).toBe(ok);
    expect(after.booked).toBeLessThanOrEqual(after.capacity);
    // Either the shrink came first (one booking refused as full) or it came after two bookings (refused).
    if (shrink.status === 200) expect([ok, after.capacity]).toEqual([1, 1]);
    else expect([shrink.body.error.code, ok, after.capacity]).toEqual(["BOOKING_SLOT_BELOW_BOOKED", 2, 2]);
  });
});
