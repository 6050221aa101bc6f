// The outbox: a message is written in the transaction that made the moment and handed on after commit —
// never for a rolled-back transaction, exactly once per success however many deliverers run, and a failing
// handler is tried again later (attempts, backoff, last error).
import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { queryRows } from "../../src/db/client.ts";
import { settings } from "../../src/db/schema/platform.ts";
import { inTransaction } from "../../src/db/transaction.ts";
import {
  deliverOutbox,
  eachMessage,
  enqueueOutbox,
  type OutboxHandlers,
} from "../../src/modules/outbox/service.ts";
import { createProduct, pay, placeOrder, shopperWithAddress } from "../commerce/fixtures.ts";
import { startTestApp } from "../support/test-app.ts";
import { onPostgres } from "../support/test-database.ts";

const ctx = await startTestApp();
const { deps } = ctx;

type Row = {
  id: number;
  topic: string;
  payload: { orderId?: number };
  attempts: number;
  last_error: string | null;
  delivered: boolean;
};
const rows = (orderId: number) =>
  queryRows<Row>(
    deps.db,
    sql`select id, topic, payload, attempts, last_error, delivered_at is not null as delivered from outbox
        where (payload->>'orderId')::bigint = ${orderId} order by id`,
  );
const completed = (orderId: number) => ({
  topic: "order.completed" as const,
  at: deps.now(),
  payload: { orderId },
});

describe("the outbox", () => {
  test("a rolled-back transaction leaves no message", async () => {
    await expect(
      inTransaction(deps.db, async (tx) => {
        await enqueueOutbox(tx, completed(-1));
        throw new Error("the use case failed after writing its message");
      }),
    ).rejects.toThrow("the use case failed");
    expect(await rows(-1)).toEqual([]);
  });

  test("a committed message is delivered once; a second run finds nothing", async () => {
    await inTransaction(deps.db, (tx) => enqueueOutbox(tx, completed(-2)));
    const seen: number[] = [];
    const handlers: OutboxHandlers = {
      "order.completed": eachMessage(async (payload) => {
        if (payload.orderId === -2) seen.push(payload.orderId);
      }),
    };
    await deliverOutbox(deps.db, handlers, { now: deps.now() });
    await deliverOutbox(deps.db, handlers, { now: new Date(deps.now().getTime() + 3_600_000) });
    expect(seen).toEqual([-2]);
    expect(await rows(-2)).toMatchObject([{ topic: "order.completed", attempts: 1, delivered: true }]);
  });

  test("a failing handler is tried again after a backoff, then delivered", async () => {
    await inTransaction(deps.db, (tx) => enqueueOutbox(tx, completed(-3)));
    let calls = 0;
    const handlers: OutboxHandlers = {
      "order.completed": eachMessage(async (payload) => {
        if (payload.orderId !== -3) return;
        calls += 1;
        if (calls === 1) throw new Error("webhook answered 502");
      }),
    };
    const t0 = deps.now().getTime();
    await deliverOutbox(deps.db, handlers, { now: new Date(t0) });
    expect(await rows(-3)).toMatchObject([
      { attempts: 1, last_error: "webhook answered 502", delivered: false },
    ]);
    // Not again before its backoff (2 s after the first failure) …
    await deliverOutbox(deps.db, handlers, { now: new Date(t0 + 1_000) });
    expect(calls).toBe(1);
    // … then once more, delivered.
    await deliverOutbox(deps.db, handlers, { now: new Date(t0 + 2_000) });
    expect(calls).toBe(2);
    expect(await rows(-3)).toMatchObject([{ attempts: 2, last_error: null, delivered: true }]);
  });

  test("a batch's handlers write together; one that fails keeps none of its writes and holds no other back", async () => {
    const ids = [-21, -22, -23];
    await inTransaction(deps.db, async (tx) => {
      for (const id of ids) await enqueueOutbox(tx, completed(id));
    });
    const handlers: OutboxHandlers = {
      "order.completed": eachMessage(async ({ orderId }, _delivery, db) => {
        if (!ids.includes(orderId)) return;
        await db.insert(settings).values({ section: `outbox-test${orderId}`, value: {} });
        if (orderId === -22) throw new Error("handler refused -22");
      }),
    };
    await deliverOutbox(deps.db, handlers, { now: deps.now() });
    const written = await queryRows<{ section: string }>(
      deps.db,
      sql`select section from settings where section like ${"outbox-test%"} order by section`,
    );
    expect(written.map((r) => r.section)).toEqual(["outbox-test-21", "outbox-test-23"]);
    expect(await rows(-21)).toMatchObject([{ delivered: true, attempts: 1 }]);
    expect(await rows(-22)).toMatchObject([
      { delivered: false, attempts: 1, last_error: "handler refused -22" },
    ]);
    expect(await rows(-23)).toMatchObject([{ delivered: true, attempts: 1 }]);
  });

  test("a payment writes its moments with ids and amounts only", async () => {
    const owner = await ctx.client.loginOwner();
    const product = await createProduct(ctx, owner, { skus: [{ priceFen: 1000, stock: 5 }] });
    const shopper = await shopperWithAddress(ctx);
    const order = await placeOrder(ctx, shopper, [{ skuId: product.skus[0]!.id, quantity: 2 }]);
    await pay(ctx, order);
    await pay(ctx, order);
    const written = await rows(order.id);
    expect(written.map((r) => [r.topic, r.payload])).toEqual([
      ["order.placed", { orderId: order.id, buyerUserId: expect.any(Number), payableFen: order.payableFen }],
      [
        "order.paid",
        {
          orderId: order.id,
          buyerUserId: expect.any(Number),
          provider: "sandbox",
          amountFen: order.payableFen,
        },
      ],
    ]);
  });
});

describe.runIf(onPostgres)("two deliverers at once on PostgreSQL", () => {
  test("deliver each of 60 messages exactly once", async () => {
    const ids = Array.from({ length: 60 }, (_, i) => -1000 - i);
    await inTransaction(deps.db, async (tx) => {
      for (const id of ids) await enqueueOutbox(tx, completed(id));
    });
    const delivered: number[] = [];
    const handlers: OutboxHandlers = {
      "order.completed": eachMessage(async (payload) => {
        await new Promise((resolve) => setTimeout(resolve, 2));
        if (payload.orderId <= -1000) delivered.push(payload.orderId);
      }),
    };
    const now = new Date(deps.now().getTime() + 7_200_000);
    const counts = await Promise.all([
      deliverOutbox(deps.db, handlers, { now, batchSize: 7 }),
      deliverOutbox(deps.db, handlers, { now, batchSize: 7 }),
    ]);
    expect(delivered.sort((a, b) => b - a)).toEqual(ids);
    expect(counts[0]! + counts[1]!).toBeGreaterThanOrEqual(60);
  });
});
