// The shopper's wallet (商城余额) through HTTP: commission withdrawn to the balance arrives on approval
// without a name or account; an order is paid wholly from the balance (no provider) or partly, the rest by
// the sandbox; a part held for an order that closes unpaid comes back; refunds of balance-paid orders go
// back to the balance (a mixed payment split in proportion); commissions follow as for any payment; the
// ledger audit (wallets included) is clean after each story.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { queryRows } from "../../src/db/client.ts";
import { isCheckViolation } from "../../src/db/errors.ts";
import { inTransaction } from "../../src/db/transaction.ts";
import { ledgerAccount } from "../../src/modules/ledger/accounts.ts";
import { auditLedger, ledgerAuditClean } from "../../src/modules/ledger/audit.ts";
import { postLedgerTransactions } from "../../src/modules/ledger/service.ts";
import { closeDueOrders } from "../../src/modules/orders/service.ts";
import { createProduct, placeOrder } from "../commerce/fixtures.ts";
import {
  buyer,
  wallet as commissionWallet,
  credit,
  distributor,
  enableDistribution,
} from "../distribution/support.ts";
import { notify, refundOneUnit, startPaymentsApp } from "./support.ts";

const ctx = await startPaymentsApp();
const { client, deps } = ctx;
const owner = await client.loginOwner();
await enableDistribution(ctx, owner);
const upline = await distributor(ctx);

type Shopper = Awaited<ReturnType<typeof buyer>>;

async function walletOf(token: string) {
  const res = await client.get("/api/v1/wallet", token);
  expect(res.status).toBe(200);
  return res.body as { balanceFen: number; heldFen: number };
}

async function history(token: string, query = "") {
  const res = await client.get(`/api/v1/wallet/entries${query}`, token);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as {
    items: Array<{
      id: number;
      kind: string;
      amountFen: number;
      orderNo: string | null;
      withdrawalId: number | null;
    }>;
    nextCursor: number | null;
  };
}

async function expectAuditClean() {
  const audit = await auditLedger(deps.db);
  expect(ledgerAuditClean(audit), JSON.stringify(audit)).toBe(true);
}

/** A shopper (bound to `upline`, a distributor too) whose balance holds `fen`, withdrawn from commission. */
async function shopperWithBalance(fen: number): Promise<Shopper> {
  const shopper = await buyer(ctx, upline.code);
  expect((await client.post("/api/v1/distribution/join", {}, shopper.token)).status).toBe(200);
  await credit(ctx, shopper.userId, fen);
  const asked = await client.post(
    "/api/v1/distribution/withdrawals",
    { method: "wallet", amountFen: fen },
    shopper.token,
  );
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  const approved = await client.post(
    `/api/admin/v1/distribution/withdrawals/${asked.body.id}/approve`,
    {},
    owner,
  );
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  return shopper;
}

async function orderOf(shopper: Shopper, priceFen: number, quantity = 1) {
  const product = await createProduct(ctx, owner, { skus: [{ priceFen, stock: 10 }] });
  return placeOrder(ctx, shopper, [{ skuId: product.skus[0]!.id, quantity }]);
}

const payWith = (shopper: Shopper, orderNo: string, body: Record<string, unknown>) =>
  client.post(`/api/v1/orders/${orderNo}/pay`, body, shopper.token);

async function sandboxPays(orderNo: string, amountFen: number, transactionId: string) {
  return notify(
    ctx,
    ctx.signPayment({
      outTradeNo: orderNo,
      transactionId,
      amountFen,
      status: "paid",
      providerStatus: "SUCCESS",
      paidAtMs: ctx.clock.now().getTime(),
    }),
  );
}

async function orderStatus(shopper: Shopper, orderId: number) {
  return (await client.get(`/api/v1/orders/${orderId}`, shopper.token)).body;
}

describe("withdraw commission to the shop balance", () => {
  test("arrives in the wallet on approval, asked for no name or account; the history says what it was", async () => {
    const shopper = await buyer(ctx, upline.code);
    await client.post("/api/v1/distribution/join", {}, shopper.token);
    await credit(ctx, shopper.userId, 5000);
    const asked = await client.post(
      "/api/v1/distribution/withdrawals",
      { method: "wallet", amountFen: 3000 },
      shopper.token,
    );
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect(await walletOf(shopper.token)).toEqual({ balanceFen: 0, heldFen: 0 });
    const approved = await client.post(
      `/api/admin/v1/distribution/withdrawals/${asked.body.id}/approve`,
      {},
      owner,
    );
    expect(approved.body).toMatchObject({ status: "paid" });
    expect(await walletOf(shopper.token)).toEqual({ balanceFen: 3000, heldFen: 0 });
    expect(await commissionWallet(ctx, shopper.token)).toMatchObject({
      availableFen: 2000,
      withdrawingFen: 0,
    });
    expect((await history(shopper.token)).items).toEqual([
      expect.objectContaining({
        kind: "withdrawal",
        amountFen: 3000,
        withdrawalId: asked.body.id,
        orderNo: null,
      }),
    ]);
    await expectAuditClean();
  });

  test("a method that pays someone outside the shop still needs the name and account (and consent)", async () => {
    const d = await distributor(ctx);
    await credit(ctx, d.userId, 5000);
    const res = await client.post(
      "/api/v1/distribution/withdrawals",
      { method: "wechat_api", amountFen: 2000 },
      d.token,
    );
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: "WITHDRAWAL_PAYEE_REQUIRED",
      details: { fields: ["realName", "account"] },
    });
    expect(await commissionWallet(ctx, d.token)).toMatchObject({ availableFen: 5000, withdrawingFen: 0 });
  });
});

describe("pay an order from the balance", () => {
  let shopper: Shopper;
  beforeAll(async () => {
    shopper = await shopperWithBalance(10_000);
  });

  test("whole: paid at once without a provider; commissions as for any payment, on what was paid", async () => {
    const before = await commissionWallet(ctx, upline.token);
    const order = await orderOf(shopper, 3000);
    const paid = await payWith(shopper, order.orderNo, { provider: "balance" });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body).toEqual({ kind: "paid", orderNo: order.orderNo });
    expect(await orderStatus(shopper, order.id)).toMatchObject({ status: "paid" });
    expect(await walletOf(shopper.token)).toEqual({ balanceFen: 7000, heldFen: 0 });
    // 10% level 1 of ¥30.00 for the upline, frozen like any paid order's
    expect((await commissionWallet(ctx, upline.token)).frozenFen - before.frozenFen).toBe(300);
    const payments = await queryRows<{ provider: string; amount_fen: number; status: string }>(
      deps.db,
      sql`select provider, amount_fen, status from payments where order_id = ${order.id}`,
    );
    expect(payments).toEqual([{ provider: "balance", amount_fen: 3000, status: "paid" }]);
    expect((await history(shopper.token)).items[0]).toMatchObject({
      kind: "payment",
      amountFen: -3000,
      orderNo: order.orderNo,
    });
    // paying again changes nothing
    const again = await payWith(shopper, order.orderNo, { provider: "balance" });
    expect(again.status).toBe(409);
    expect(await walletOf(shopper.token)).toEqual({ balanceFen: 7000, heldFen: 0 });
    await expectAuditClean();
  });

  test("more than the balance is refused and nothing moves", async () => {
    const order = await orderOf(shopper, 9000);
    const res = await payWith(shopper, order.orderNo, { provider: "balance" });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("INSUFFICIENT_BALANCE");
    expect(await orderStatus(shopper, order.id)).toMatchObject({ status: "pending_payment", walletFen: 0 });
    expect(await walletOf(shopper.token)).toEqual({ balanceFen: 7000, heldFen: 0 });
    const tooBig = await payWith(shopper, order.orderNo, { provider: "sandbox", walletFen: 9000 });
    expect(tooBig.body.error.code).toBe("WALLET_PART_INVALID");
  });

  test("part: the balance part is held, the sandbox is asked for the rest, and both are paid with the order", async () => {
    const order = await orderOf(shopper, 5000);
    const started = await payWith(shopper, order.orderNo, { provider: "sandbox", walletFen: 2000 });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body.kind).toBe("redirect");
    expect(new URL(started.body.url, "http://x").searchParams.get("amount")).toBe("3000");
    expect(await walletOf(shopper.token)).toEqual({ balanceFen: 5000, heldFen: 2000 });
    // a second tap keeps the part; another part is refused while one is held
    expect((await payWith(shopper, order.orderNo, { provider: "sandbox" })).status).toBe(200);
    const other = await payWith(shopper, order.orderNo, { provider: "sandbox", walletFen: 1000 });
    expect(other.body.error.code).toBe("WALLET_PART_FIXED");
    // the provider must pay the rest, not the whole
    expect((await sandboxPays(order.orderNo, 5000, "sbx_wallet_part_whole")).statusCode).not.toBe(204);
    expect((await sandboxPays(order.orderNo, 3000, "sbx_wallet_part")).statusCode).toBe(204);
    expect(await orderStatus(shopper, order.id)).toMatchObject({ status: "paid", walletFen: 2000 });
    expect(await walletOf(shopper.token)).toEqual({ balanceFen: 5000, heldFen: 0 });
    const payments = await queryRows<{ provider: string; amount_fen: number; status: string }>(
      deps.db,
      sql`select provider, amount_fen, status from payments where order_id = ${order.id} order by provider`,
    );
    expect(payments).toEqual([
      { provider: "balance", amount_fen: 2000, status: "paid" },
      { provider: "sandbox", amount_fen: 3000, status: "paid" },
    ]);
    // the notification again changes nothing
    expect((await sandboxPays(order.orderNo, 3000, "sbx_wallet_part")).statusCode).toBe(204);
    expect(await walletOf(shopper.token)).toEqual({ balanceFen: 5000, heldFen: 0 });
    await expectAuditClean();
  });

  test("part held for an order that closes unpaid comes back to the balance, once", async () => {
    const order = await orderOf(shopper, 4000);
    await payWith(shopper, order.orderNo, { provider: "sandbox", walletFen: 1500 });
    expect(await walletOf(shopper.token)).toEqual({ balanceFen: 3500, heldFen: 1500 });
    await expectAuditClean();
    ctx.clock.advance(2 * 86_400_000);
    expect(await closeDueOrders(deps, ctx.clock.now())).toBeGreaterThan(0);
    expect(await closeDueOrders(deps, ctx.clock.now())).toBe(0);
    expect(await orderStatus(shopper, order.id)).toMatchObject({ status: "closed" });
    expect(await walletOf(shopper.token)).toEqual({ balanceFen: 5000, heldFen: 0 });
    expect((await history(shopper.token)).items[0]).toMatchObject({
      kind: "release",
      amountFen: 1500,
      orderNo: order.orderNo,
    });
    await expectAuditClean();
  });

  test("a part cannot be added once a trade for the whole order was started (it may still be paid)", async () => {
    const order = await orderOf(shopper, 4000);
    expect((await payWith(shopper, order.orderNo, { provider: "sandbox" })).status).toBe(200);
    const late = await payWith(shopper, order.orderNo, { provider: "sandbox", walletFen: 1000 });
    expect([late.status, late.body.error?.code]).toEqual([409, "WALLET_PART_FIXED"]);
    expect(await walletOf(shopper.token)).toEqual({ balanceFen: 5000, heldFen: 0 });
    await client.post(`/api/v1/orders/${order.id}/cancel`, {}, shopper.token);
  });

  test("a cancelled order gives its held part back too", async () => {
    const order = await orderOf(shopper, 4000);
    await payWith(shopper, order.orderNo, { provider: "sandbox", walletFen: 1000 });
    expect(await walletOf(shopper.token)).toEqual({ balanceFen: 4000, heldFen: 1000 });
    const cancelled = await client.post(`/api/v1/orders/${order.id}/cancel`, {}, shopper.token);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(await walletOf(shopper.token)).toEqual({ balanceFen: 5000, heldFen: 0 });
    await expectAuditClean();
  });

  test("history pages with a cursor, newest first", async () => {
    const first = await history(shopper.token, "?limit=2");
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBe(first.items[1]!.id);
    const second = await history(shopper.token, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items[0]!.id).toBeLessThan(first.items[1]!.id);
    const all = await history(shopper.token, "?limit=100");
    expect(all.nextCursor).toBeNull();
    expect(all.items.reduce((sum, e) => sum + e.amountFen, 0)).toBe(
      (await walletOf(shopper.token)).balanceFen,
    );
  });
});

describe("refunds of balance-paid orders go back to the balance", () => {
  test("whole: a refund returns to the wallet at once, commissions clawed back as for any refund", async () => {
    const shopper = await shopperWithBalance(10_000);
    const order = await orderOf(shopper, 2000, 2);
    expect((await payWith(shopper, order.orderNo, { provider: "balance" })).status).toBe(200);
    const frozen = (await commissionWallet(ctx, upline.token)).frozenFen;
    const afterSale = await refundOneUnit(ctx, owner, shopper, order);
    expect(afterSale).toMatchObject({ status: "refunded" });
    expect(await walletOf(shopper.token)).toEqual({ balanceFen: 8000, heldFen: 0 });
    expect((await history(shopper.token)).items[0]).toMatchObject({
      kind: "refund",
      amountFen: 2000,
      orderNo: order.orderNo,
    });
    expect((await commissionWallet(ctx, upline.token)).frozenFen).toBe(frozen - 200);
    const refunds = await queryRows<{ provider: string; amount_fen: number; status: string }>(
      deps.db,
      sql`select provider, amount_fen, status from refunds where order_id = ${order.id}`,
    );
    expect(refunds).toEqual([{ provider: "balance", amount_fen: 2000, status: "succeeded" }]);
    // the rest: the order is refunded in full, all of it to the balance
    expect(await refundOneUnit(ctx, owner, shopper, order)).toMatchObject({ status: "refunded" });
    expect(await walletOf(shopper.token)).toEqual({ balanceFen: 10_000, heldFen: 0 });
    expect(await orderStatus(shopper, order.id)).toMatchObject({ status: "refunded", refundedFen: 4000 });
    await expectAuditClean();
  });

  test("mixed: each refund splits by what each side paid, and the full refund returns exactly each part", async () => {
    const shopper = await shopperWithBalance(10_000);
    const order = await orderOf(shopper, 2500, 2);
    await payWith(shopper, order.orderNo, { provider: "sandbox", walletFen: 2000 });
    expect((await sandboxPays(order.orderNo, 3000, "sbx_wallet_mixed")).statusCode).toBe(204);
    expect(await walletOf(shopper.token)).toEqual({ balanceFen: 8000, heldFen: 0 });
    // first unit ¥25: ⌊2500 × 2000 / 5000⌋ = ¥10 to the balance, ¥15 to the sandbox — as the preview says
    const asked = await client.post(
      `/api/v1/orders/${order.id}/after-sales`,
      { kind: "refund_only", items: [{ orderItemId: order.items[0]!.id, quantity: 1 }], reason: "不想要了" },
      shopper.token,
    );
    const preview = await client.get(`/api/admin/v1/after-sales/${asked.body.id}/refund-preview`, owner);
    expect(preview.body.destination).toEqual({ provider: "sandbox", walletFen: 1000 });
    await client.post(`/api/admin/v1/after-sales/${asked.body.id}/approve`, {}, owner);
    expect((await client.get(`/api/admin/v1/after-sales/${asked.body.id}`, owner)).body).toMatchObject({
      status: "refunded",
    });
    expect(await walletOf(shopper.token)).toEqual({ balanceFen: 9000, heldFen: 0 });
    expect(await refundOneUnit(ctx, owner, shopper, order)).toMatchObject({ status: "refunded" });
    expect(await walletOf(shopper.token)).toEqual({ balanceFen: 10_000, heldFen: 0 });
    const refunds = await queryRows<{ provider: string; amount_fen: number; status: string }>(
      deps.db,
      sql`select provider, sum(amount_fen)::int as amount_fen, min(status) as status from refunds
          where order_id = ${order.id} group by provider order by provider`,
    );
    expect(refunds).toEqual([
      { provider: "balance", amount_fen: 2000, status: "succeeded" },
      { provider: "sandbox", amount_fen: 3000, status: "succeeded" },
    ]);
    expect(await orderStatus(shopper, order.id)).toMatchObject({ status: "refunded", refundedFen: 5000 });
    await expectAuditClean();
  });
});

describe("the database and the audit guard every wallet", () => {
  test("a posting that would overdraw a wallet is refused by the database, whoever writes it", async () => {
    const shopper = await shopperWithBalance(1000);
    const overdraw = inTransaction(deps.db, async (tx) =>
      postLedgerTransactions(tx, [
        {
          key: `test:overdraw:${shopper.userId}`,
          kind: "test",
          entries: [
            { account: ledgerAccount.wallet(shopper.userId), amountFen: 1001 },
            { account: ledgerAccount.merchantRevenue, amountFen: -1001 },
          ],
        },
      ]),
    );
    await expect(overdraw).rejects.toSatisfy((e) => isCheckViolation(e, "ledger_accounts_wallet_check"));
    expect(await walletOf(shopper.token)).toEqual({ balanceFen: 1000, heldFen: 0 });
  });

  test("the audit finds a hold that does not match the unpaid orders' balance parts", async () => {
    const shopper = await shopperWithBalance(1000);
    const order = await orderOf(shopper, 3000);
    await deps.db.execute(sql`update orders set wallet_fen = 500 where id = ${order.id}`);
    const audit = await auditLedger(deps.db);
    expect(ledgerAuditClean(audit)).toBe(false);
    expect(audit.walletHoldDifferences).toEqual([
      { userId: shopper.userId, heldFen: 0, unpaidOrdersFen: 500 },
    ]);
    await deps.db.execute(sql`update orders set wallet_fen = 0 where id = ${order.id}`);
    await expectAuditClean();
  });
});
