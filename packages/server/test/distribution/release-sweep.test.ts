// The release sweep over a backlog, batch by batch in due order: each batch one posting with one line per
// earner and one for the shop-wide frozen account, a batch that dies halfway leaves nothing behind and
// the next run settles it once, a rerun adds nothing, held and cancelled commissions stay, each wallet is
// right, the queue of open commissions matches the commissions, and the ledger audit is clean.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/client.ts";
import { inTransaction } from "../../src/db/transaction.ts";
import { foldReleasedCommissions } from "../../src/jobs/fold-released-commissions.ts";
import { releaseDueBatch, releaseDueCommissions } from "../../src/modules/commissions/lifecycle.ts";
import { FOLD_AFTER_RELEASES } from "../../src/modules/commissions/released.ts";
import { auditLedger, ledgerAuditClean } from "../../src/modules/ledger/audit.ts";
import { createFreight, createProduct, pay, placeOrder } from "../commerce/fixtures.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";
import {
  buyer,
  creditReleasedPending,
  DAY,
  distributor,
  enableDistribution,
  shipAndReceive,
  wallet,
} from "./support.ts";

let ctx: TestContext;
let owner: string;

const ledgerCount = async () => {
  const [row] = await queryRows<{ transactions: number; entries: number }>(
    ctx.deps.db,
    sql`select (select count(*) from ledger_transactions)::int as transactions,
               (select count(*) from ledger_entries)::int as entries`,
  );
  return { transactions: Number(row!.transactions), entries: Number(row!.entries) };
};

/** Open commissions (frozen or held) and queue rows that do not match one another: none. */
const queueMismatches = async () =>
  queryRows<{ id: number }>(
    ctx.deps.db,
    sql`select coalesce(c.id, q.commission_id) as id
        from (select id, earner_user_id, status = 'held' as held, due_at from commissions
              where status in ('frozen', 'held')) c
        full join commission_queue q on q.commission_id = c.id
        where c.id is null or q.commission_id is null or q.held <> c.held
           or q.due_at is distinct from c.due_at or q.earner_user_id <> c.earner_user_id`,
  );

describe("release sweep over a backlog", () => {
  beforeAll(async () => {
    ctx = await startTestApp();
    owner = await ctx.client.loginOwner();
    await enableDistribution(ctx, owner);
    await createFreight(ctx, owner);
  });

  it("settles each due commission once, in one posting per batch, after a batch dies halfway", async () => {
    const product = await createProduct(ctx, owner, {
      skus: [{ priceFen: 10000, stock: 100, specValues: [] }],
    });
    // A earns 10% on three orders of their buyers and 5% on two of B's; B earns 10% on those two.
    const a = await distributor(ctx);
    const b = await distributor(ctx, a.code);
    const orders: { id: number; buyer: { token: string } }[] = [];
    for (const upline of [a, a, b, a, b]) {
      const shopper = await buyer(ctx, upline.code);
      const order = await placeOrder(ctx, shopper, [{ skuId: product.skus[0]!.id, quantity: 1 }]);
      await pay(ctx, order);
      orders.push({ id: order.id, buyer: shopper });
    }
    for (const o of orders) await shipAndReceive(ctx, owner, o, o.buyer.token);
    expect(await queueMismatches()).toEqual([]);
    ctx.clock.advance(7 * DAY + 60_000);
    const now = ctx.deps.now();

    // A batch that dies before its commit (here: thrown after posting) leaves every row frozen and queued.
    const before = await ledgerCount();
    await expect(
      inTransaction(ctx.deps.db, async (tx) => {
        const batch = await releaseDueBatch(tx, now, 1, null);
        expect(batch.settled).toBeGreaterThan(0);
        throw new Error("crash");
      }),
    ).rejects.toThrow("crash");
    expect(await ledgerCount()).toEqual(before);
    expect(await wallet(ctx, a.token)).toMatchObject({ frozenFen: 4000, availableFen: 0 });
    expect(await queueMismatches()).toEqual([]);

    // Batches of three queue rows, in due order: 3 + 3 + 1.
    expect(await releaseDueCommissions(ctx.deps, now, { batchSize: 3 })).toBe(7);
    expect(await wallet(ctx, a.token)).toMatchObject({ frozenFen: 0, availableFen: 4000 });
    expect(await wallet(ctx, b.token)).toMatchObject({ frozenFen: 0, availableFen: 2000 });
    const added = await ledgerCount();
    expect(added.transactions - before.transactions).toBe(3);
    // each posting: two lines (shop-wide frozen → released) and one pending row per earner it pays
    const postings = await queryRows<{ ids: number[]; earners: number; entries: number; pending: number }>(
      ctx.deps.db,
      sql`select t.meta -> 'commissionIds' as ids,
                 (select count(distinct c.earner_user_id) from commissions c
                  where c.id in (select jsonb_array_elements_text(t.meta -> 'commissionIds')::bigint))::int as earners,
                 (select count(*) from ledger_entries e where e.transaction_id = t.id)::int as entries,
                 (select count(*) from commission_released_pending p where p.transaction_id = t.id)::int as pending
          from ledger_transactions t where t.kind = 'commission_settled' order by t.id`,
    );
    expect(postings.map((p) => p.ids.length)).toEqual([3, 3, 1]);
    for (const p of postings) expect([Number(p.entries), Number(p.pending)]).toEqual([2, Number(p.earners)]);
    expect(added.entries - before.entries).toBe(2 * postings.length);

    // A rerun finds nothing and posts nothing; the queue holds no settled commission.
    expect(await releaseDueCommissions(ctx.deps, now, { batchSize: 1 })).toBe(0);
    expect(await ledgerCount()).toEqual(added);
    expect(await queueMismatches()).toEqual([]);
    expect(ledgerAuditClean(await auditLedger(ctx.deps.db))).toBe(true);
  });

  it("a withdrawal folds what the sweep released into the earner's account once; screens show it before", async () => {
    const product = await createProduct(ctx, owner, {
      skus: [{ priceFen: 10000, stock: 100, specValues: [] }],
    });
    const a = await distributor(ctx);
    for (let i = 0; i < 2; i++) {
      const shopper = await buyer(ctx, a.code);
      const order = await placeOrder(ctx, shopper, [{ skuId: product.skus[0]!.id, quantity: 1 }]);
      await pay(ctx, order);
      await shipAndReceive(ctx, owner, order, shopper.token);
    }
    ctx.clock.advance(7 * DAY + 60_000);
    // one commission a batch: two releases for A, each a pending row, none on A's own account yet
    expect(await releaseDueCommissions(ctx.deps, ctx.deps.now(), { batchSize: 1 })).toBe(2);
    const pendingOfA = () =>
      queryRows<{ fen: string }>(
        ctx.deps.db,
        sql`select amount_fen as fen from commission_released_pending where earner_user_id = ${a.userId}`,
      );
    expect((await pendingOfA()).map((r) => Number(r.fen))).toEqual([1000, 1000]);
    expect(await wallet(ctx, a.token)).toMatchObject({ frozenFen: 0, availableFen: 2000 });
    const statement = async () => {
      const detail = await ctx.client.get(`/api/admin/v1/distribution/distributors/${a.userId}`, owner);
      expect(detail.status).toBe(200);
      return (detail.body.ledger as { account: string; kind: string; amountFen: number }[])
        .filter((e) => e.account === `commission_available:u:${a.userId}`)
        .map((e) => `${e.kind} ${e.amountFen}`)
        .sort();
    };
    expect(await statement()).toEqual(["commission_settled -1000", "commission_settled -1000"]);

    const withdraw = (amountFen: number) =>
      ctx.client.post(
        "/api/v1/distribution/withdrawals",
        { method: "wallet", amountFen, realName: "张三", account: "wx-zhangsan", consent: true },
        a.token,
      );
    expect((await withdraw(1500)).status).toBe(201);
    expect(await pendingOfA()).toEqual([]);
    expect(await wallet(ctx, a.token)).toMatchObject({ availableFen: 500 });
    expect(await statement()).toEqual(["commission_released_folded -2000", "withdrawal_hold 1500"]);
    // the second request finds nothing to fold and only ¥5 left
    const refused = await withdraw(1500);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("INSUFFICIENT_BALANCE");
    expect(ledgerAuditClean(await auditLedger(ctx.deps.db))).toBe(true);
  });

  it("the hourly pass folds an earner who gathered many releases without withdrawing, and no one else", async () => {
    const busy = await distributor(ctx);
    const quiet = await distributor(ctx);
    for (let i = 0; i < FOLD_AFTER_RELEASES; i++) await creditReleasedPending(ctx, busy.userId, 100);
    await creditReleasedPending(ctx, quiet.userId, 500);
    const pendingRows = async (userId: number) =>
      (
        await queryRows<{ n: number }>(
          ctx.deps.db,
          sql`select count(*)::int as n from commission_released_pending where earner_user_id = ${userId}`,
        )
      )[0]!.n;
    expect(await foldReleasedCommissions.run(ctx.deps, ctx.deps.now())).toBe(1);
    expect([await pendingRows(busy.userId), await pendingRows(quiet.userId)]).toEqual([0, 1]);
    // the balances read the same before and after: one from the account, the other from its pending row
    expect(await wallet(ctx, busy.token)).toMatchObject({ availableFen: 100 * FOLD_AFTER_RELEASES });
    expect(await wallet(ctx, quiet.token)).toMatchObject({ availableFen: 500 });
    expect(await foldReleasedCommissions.run(ctx.deps, ctx.deps.now())).toBe(0);
    expect(ledgerAuditClean(await auditLedger(ctx.deps.db))).toBe(true);
  });

  it("held commissions stay out of the sweep and in the staff's held list until released", async () => {
    const product = await createProduct(ctx, owner, {
      skus: [{ priceFen: 10000, stock: 100, specValues: [] }],
    });
    const a = await distributor(ctx);
    const shopper = await buyer(ctx, a.code);
    const order = await placeOrder(ctx, shopper, [{ skuId: product.skus[0]!.id, quantity: 1 }]);
    await pay(ctx, order);
    const [row] = await queryRows<{ id: number }>(
      ctx.deps.db,
      sql`select id from commissions where order_id = ${order.id}`,
    );
    // held by staff's fraud review (as fraud.ts decides it at payment)
    await ctx.deps.db.execute(sql`update commissions set status = 'held' where id = ${row!.id}`);
    await shipAndReceive(ctx, owner, order, shopper.token);
    expect(await queueMismatches()).toEqual([]);
    ctx.clock.advance(7 * DAY + 60_000);
    expect(await releaseDueCommissions(ctx.deps, ctx.deps.now())).toBe(0);
    const held = await ctx.client.get("/api/admin/v1/distribution/commissions?status=held", owner);
    expect(held.body.items.map((c: { id: number }) => c.id)).toContain(row!.id);
    const released = await ctx.client.post(
      `/api/admin/v1/distribution/commissions/${row!.id}/held`,
      { action: "release", reason: "人工核实" },
      owner,
    );
    expect(released.body.status).toBe("frozen");
    expect(await queueMismatches()).toEqual([]);
    expect(await releaseDueCommissions(ctx.deps, ctx.deps.now())).toBe(1);
    expect(await wallet(ctx, a.token)).toMatchObject({ frozenFen: 0, availableFen: 1000 });
    expect(await queueMismatches()).toEqual([]);
  });
});
