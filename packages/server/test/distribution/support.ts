// Builders the distribution tests share: switch distribution on, make distributors, and walk an order
// through pay → ship → receive → release with the clock.
import { sql } from "drizzle-orm";
import { expect } from "vitest";
import { inTransaction } from "../../src/db/transaction.ts";
import { ledgerAccount } from "../../src/modules/ledger/accounts.ts";
import { postLedgerTransaction } from "../../src/modules/ledger/service.ts";
import { SHENZHEN } from "../commerce/fixtures.ts";
import type { TestContext } from "../support/test-app.ts";

export const DAY = 86_400_000;

export async function enableDistribution(
  ctx: TestContext,
  owner: string,
  patch: Record<string, unknown> = {},
) {
  const res = await ctx.client.put(
    "/api/admin/v1/distribution/settings",
    {
      plan: { enabled: true, levels: 2, ratesBps: [1000, 500, 0] },
      eligibility: { kind: "everyone" },
      ...patch,
    },
    owner,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Registers a shopper (through `ref` when given) and makes them a distributor; returns their code. */
export async function distributor(ctx: TestContext, ref?: string) {
  const shopper = await ctx.client.registerShopper(ref ? { ref } : {});
  const joined = await ctx.client.post("/api/v1/distribution/join", {}, shopper.token);
  expect(joined.status, JSON.stringify(joined.body)).toBe(200);
  return { ...shopper, code: joined.body.inviteCode as string };
}

/** A shopper signed up through `ref`, with an address of their own (no phone or address shared with anyone). */
export async function buyer(ctx: TestContext, ref: string) {
  const shopper = await ctx.client.registerShopper({ ref });
  const address = await ctx.client.post(
    "/api/v1/addresses",
    {
      name: "买家",
      phone: `137${String(shopper.userId).padStart(8, "0")}`,
      ...SHENZHEN,
      detail: `${shopper.userId} 号`,
    },
    shopper.token,
  );
  expect(address.status).toBe(201);
  return { ...shopper, addressId: address.body.id as number };
}

export async function wallet(ctx: TestContext, token: string) {
  const res = await ctx.client.get("/api/v1/distribution/wallet", token);
  expect(res.status).toBe(200);
  return res.body as { frozenFen: number; availableFen: number; withdrawingFen: number; totalFen: number };
}

export async function shipAndReceive(
  ctx: TestContext,
  owner: string,
  order: { id: number },
  buyerToken: string,
) {
  const shipped = await ctx.client.post(
    `/api/admin/v1/orders/${order.id}/ship`,
    { parcels: [{ carrier: "顺丰", trackingNo: `SF${order.id}000111` }] },
    owner,
  );
  expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
  const received = await ctx.client.post(`/api/v1/orders/${order.id}/confirm-receipt`, {}, buyerToken);
  expect(received.status, JSON.stringify(received.body)).toBe(200);
}

let credits = 0;
/** Credits available balance the way a released reward does (Dr reward_expense, Cr available). */
export async function credit(ctx: TestContext, userId: number, amountFen: number) {
  credits++;
  await inTransaction(ctx.deps.db, (tx) =>
    postLedgerTransaction(tx, {
      key: `test:credit:${userId}:${credits}`,
      kind: "reward_first_order",
      entries: [
        { account: ledgerAccount.rewardExpense, amountFen },
        { account: ledgerAccount.commissionAvailable(userId), amountFen: -amountFen },
      ],
    }),
  );
}

/**
 * What a release sweep batch leaves an earner (migration 0053): the shop-wide released account credited
 * and their pending row, not on their own available account yet. Paid from reward_expense here, so the
 * frozen account's check against the commission rows is not touched.
 */
export async function creditReleasedPending(ctx: TestContext, userId: number, amountFen: number) {
  credits++;
  await inTransaction(ctx.deps.db, async (tx) => {
    const posted = await postLedgerTransaction(tx, {
      key: `test:release:${userId}:${credits}`,
      kind: "commission_settled",
      entries: [
        { account: ledgerAccount.rewardExpense, amountFen },
        { account: ledgerAccount.commissionReleased, amountFen: -amountFen },
      ],
    });
    await tx.execute(
      sql`insert into commission_released_pending (earner_user_id, transaction_id, amount_fen)
          values (${userId}, ${posted.transactionId}, ${amountFen})`,
    );
  });
}
