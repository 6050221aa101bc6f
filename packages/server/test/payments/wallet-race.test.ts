// Checkouts racing for one shop balance, on a real PostgreSQL (PGlite runs one transaction at a time, so the
// race cannot happen there): together they ask for more than the wallet holds, and it is never overdrawn.
import { beforeAll, describe, expect, test } from "vitest";
import { auditLedger, ledgerAuditClean } from "../../src/modules/ledger/audit.ts";
import { createProduct, placeOrder } from "../commerce/fixtures.ts";
import { buyer, credit, distributor, enableDistribution } from "../distribution/support.ts";
import { onPostgres } from "../support/test-database.ts";
import { startPaymentsApp } from "./support.ts";

let ctx: Awaited<ReturnType<typeof startPaymentsApp>>;
let owner: string;

describe.runIf(onPostgres)("wallet races on PostgreSQL", () => {
  beforeAll(async () => {
    ctx = await startPaymentsApp();
    owner = await ctx.client.loginOwner();
    await enableDistribution(ctx, owner);
  });

  async function shopperWithBalance(fen: number) {
    const upline = await distributor(ctx);
    const shopper = await buyer(ctx, upline.code);
    await ctx.client.post("/api/v1/distribution/join", {}, shopper.token);
    await credit(ctx, shopper.userId, fen);
    const asked = await ctx.client.post(
      "/api/v1/distribution/withdrawals",
      { method: "wallet", amountFen: fen },
      shopper.token,
    );
    await ctx.client.post(`/api/admin/v1/distribution/withdrawals/${asked.body.id}/approve`, {}, owner);
    return shopper;
  }

  async function orders(shopper: Awaited<ReturnType<typeof buyer>>, count: number, priceFen: number) {
    const product = await createProduct(ctx, owner, { skus: [{ priceFen, stock: 1000 }] });
    const placed = [];
    for (let i = 0; i < count; i++)
      placed.push(await placeOrder(ctx, shopper, [{ skuId: product.skus[0]!.id, quantity: 1 }]));
    return placed;
  }

  const balance = async (token: string) => (await ctx.client.get("/api/v1/wallet", token)).body;

  test("two checkouts of ¥60 at once against ¥100: one is paid, the other refused, the wallet ends at ¥40", async () => {
    for (let round = 0; round < 5; round++) {
      const shopper = await shopperWithBalance(10_000);
      const [a, b] = await orders(shopper, 2, 6000);
      const results = await Promise.all(
        [a!, b!].map((o) =>
          ctx.client.post(`/api/v1/orders/${o.orderNo}/pay`, { provider: "balance" }, shopper.token),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)!.body.error.code).toBe("INSUFFICIENT_BALANCE");
      expect(await balance(shopper.token)).toEqual({ balanceFen: 4000, heldFen: 0 });
    }
    const audit = await auditLedger(ctx.deps.db);
    expect(ledgerAuditClean(audit), JSON.stringify(audit)).toBe(true);
  });

  test("ten checkouts at once, whole and part, against ¥100: what is taken never exceeds the balance", async () => {
    const shopper = await shopperWithBalance(10_000);
    const placed = await orders(shopper, 10, 4000);
    const results = await Promise.all(
      placed.map((o, i) =>
        ctx.client.post(
          `/api/v1/orders/${o.orderNo}/pay`,
          i % 2 === 0 ? { provider: "balance" } : { provider: "sandbox", walletFen: 3000 },
          shopper.token,
        ),
      ),
    );
    expect(results.every((r) => r.status === 200 || r.body.error?.code === "INSUFFICIENT_BALANCE")).toBe(
      true,
    );
    const whole = results.filter((r, i) => i % 2 === 0 && r.status === 200).length;
    const part = results.filter((r, i) => i % 2 === 1 && r.status === 200).length;
    const taken = whole * 4000 + part * 3000;
    expect(taken).toBeLessThanOrEqual(10_000);
    expect(taken).toBeGreaterThan(10_000 - 4000);
    expect(await balance(shopper.token)).toEqual({ balanceFen: 10_000 - taken, heldFen: part * 3000 });
    const audit = await auditLedger(ctx.deps.db);
    expect(ledgerAuditClean(audit), JSON.stringify(audit)).toBe(true);
  });
});
