// The sandbox takes payments that move no money, so a shop going live switches it off in 支付设置: then checkout
// no longer offers it, its pay links and notifications are refused, a restart keeps it off, and withdrawals by
// API have no stand-in payer while manual methods (paid by finance outside Liebian) are recorded as paid.
import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { queryRows } from "../../src/db/client.ts";
import { loadStoredPaymentProviders } from "../../src/modules/payments/settings.ts";
import { createProduct, placeOrder, shopperWithAddress } from "../commerce/fixtures.ts";
import { startPaymentsApp } from "./support.ts";

const ctx = await startPaymentsApp();
const { client, deps } = ctx;
const owner = await client.loginOwner();
const product = await createProduct(ctx, owner, { skus: [{ priceFen: 8_800, stock: 100 }] });
const shopper = await shopperWithAddress(ctx);

const methods = async () => (await client.get("/api/v1/payments/methods")).body.methods as string[];
const switchSandbox = (enabled: boolean, token = owner) =>
  client.put("/api/admin/v1/payments/settings/sandbox", { enabled }, token);

describe("switching the sandbox off", () => {
  test("only the owner may; checkout, pay links and notifications refuse it; the audit log has it", async () => {
    const finance = await client.createStaff(owner, "finance");
    expect((await switchSandbox(false, finance)).status).toBe(403);
    expect(await methods()).toContain("sandbox");

    const order = await placeOrder(ctx, shopper, [{ skuId: product.skus[0]!.id, quantity: 1 }]);
    const off = await switchSandbox(false);
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body).toMatchObject({ provider: "sandbox", enabled: false });
    expect(await methods()).not.toContain("sandbox");

    const link = await client.post(
      `/api/v1/orders/${order.orderNo}/pay`,
      { provider: "sandbox" },
      shopper.token,
    );
    expect(link.status).toBe(422);
    expect(link.body.error.code).toBe("PAYMENT_PROVIDER_UNAVAILABLE");

    // A notification signed with the sandbox's key no longer pays anything.
    const signed = ctx.signPayment({
      outTradeNo: order.orderNo,
      transactionId: "sbx_tx_after_off",
      amountFen: order.payableFen,
      status: "paid",
      providerStatus: "SUCCESS",
      paidAtMs: ctx.clock.now().getTime(),
    });
    const delivered = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/payments/notify/sandbox",
      headers: signed.headers,
      payload: signed.body,
    });
    expect(delivered.statusCode).toBe(404);
    expect((await client.get(`/api/v1/orders/${order.id}`, shopper.token)).body.status).toBe(
      "pending_payment",
    );

    const audit = await queryRows<{ after: { enabled: boolean } }>(
      deps.db,
      sql`select after from audit_log where action = 'payments.configure' and entity_id = 'sandbox'`,
    );
    expect(audit.map((row) => row.after.enabled)).toEqual([false]);
  });

  test("a restart keeps it off; switching it on again offers it at checkout", async () => {
    const restarted = { ...deps, paymentProviders: { sandbox: ctx.sandbox } };
    expect(restarted.paymentProviders.sandbox).toBeDefined();
    await loadStoredPaymentProviders(restarted);
    expect(restarted.paymentProviders.sandbox).toBeUndefined();

    expect((await switchSandbox(true)).body).toMatchObject({ provider: "sandbox", enabled: true });
    expect(await methods()).toContain("sandbox");
    await switchSandbox(false);
  });

  test("an API withdrawal has no stand-in payer; a bank-card one is recorded as paid by finance", async () => {
    const account = { realName: "林小姐", account: "openid-1" };
    const wechat = await deps.payouts!.send({
      withdrawalId: 1,
      outBillNo: "WDOFF1",
      amountFen: 5000,
      method: "wechat_api",
      account,
    });
    expect(wechat.status).toBe("failed");
    expect(await deps.payouts!.query("WDOFF1", "wechat_api")).toMatchObject({ status: "failed" });
    const bank = await deps.payouts!.send({
      withdrawalId: 2,
      outBillNo: "WDOFF2",
      amountFen: 5000,
      method: "bank",
      account: { realName: "林小姐", account: "6222020000000000" },
    });
    expect(bank).toEqual({ status: "succeeded" });
  });
});
