// Builders the sharing and analytics tests share: deliver the outbox, write the event buffer, roll up,
// read raw events, and a partial refund by the owner.
import { sql } from "drizzle-orm";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { expect } from "vitest";
import { queryRows } from "../../src/db/client.ts";
import { outboxHandlers } from "../../src/jobs/deliver-outbox.ts";
import { deliverOutbox } from "../../src/modules/outbox/service.ts";
import { rollUpDirtyDays } from "../../src/modules/tracking/rollup.ts";
import { eventBufferOf } from "../../src/modules/tracking/service.ts";
import type { TestContext } from "../support/test-app.ts";

/** What a running server does in the background: outbox delivered, buffered events written, days rolled. */
export async function settleTracking(ctx: TestContext) {
  await eventBufferOf(ctx.deps).flush();
  await deliverOutbox(ctx.deps.db, outboxHandlers(ctx.deps), { now: ctx.deps.now() });
  await rollUpDirtyDays(ctx.deps.db);
}

export type EventRow = {
  kind: string;
  distributorUserId: number | null;
  refCode: string | null;
  outcome: string | null;
  visitorUserId: number | null;
  productId: number | null;
  orderId: number | null;
  amountFen: number | null;
  provinceCode: string | null;
  source: string | null;
};

export async function events(ctx: TestContext): Promise<EventRow[]> {
  const rows = await queryRows<EventRow>(
    ctx.deps.db,
    sql`select kind, distributor_user_id as "distributorUserId", ref_code as "refCode", outcome,
          visitor_user_id as "visitorUserId", product_id as "productId", order_id as "orderId",
          amount_fen as "amountFen", province_code as "provinceCode", source
        from tracking_events order by id`,
  );
  return rows.map((r) => ({
    ...r,
    distributorUserId: r.distributorUserId === null ? null : Number(r.distributorUserId),
    visitorUserId: r.visitorUserId === null ? null : Number(r.visitorUserId),
    productId: r.productId === null ? null : Number(r.productId),
    orderId: r.orderId === null ? null : Number(r.orderId),
    amountFen: r.amountFen === null ? null : Number(r.amountFen),
  }));
}

/** The buyer asks for a refund of one line; the owner approves and refunds `refundFen` of it. */
export async function partialRefund(
  ctx: TestContext,
  owner: string,
  buyer: { token: string },
  order: { id: number; items: Array<{ id: number }> },
  refundFen: number,
) {
  const asked = await ctx.client.post(
    `/api/v1/orders/${order.id}/after-sales`,
    { kind: "refund_only", items: [{ orderItemId: order.items[0]!.id, quantity: 1 }], reason: "少发配件" },
    buyer.token,
  );
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  // the owner may refund on approval: the refund (of the adjusted amount) runs at once
  const refunded = await ctx.client.post(
    `/api/admin/v1/after-sales/${asked.body.id}/approve`,
    { refundFen, refundReason: "协商部分退款" },
    owner,
  );
  expect(refunded.status, JSON.stringify(refunded.body)).toBe(200);
  expect(refunded.body.afterSale.status).toBe("refunded");
}

/** Reads the QR code in a PNG (the whole poster) and answers the text it carries, or null. */
export function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}
