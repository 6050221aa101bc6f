// Withdrawal rules as a distributor meets them: more than available, below the minimum, a method the
// merchant has not enabled, no consent, the fee, the daily count and amount limits (per Asia/Shanghai day),
// a frozen distributor; the payout identity sealed at rest and only ever shown masked.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/client.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";
import { credit, DAY, distributor, enableDistribution, wallet } from "./support.ts";

let ctx: TestContext;
let owner: string;

const identity = { realName: "欧阳娜娜", account: "6222021234567890123", consent: true };
const withdraw = (token: string, body: Record<string, unknown>) =>
  ctx.client.post("/api/v1/distribution/withdrawals", { method: "bank", ...identity, ...body }, token);
const history = async (token: string) =>
  (await ctx.client.get("/api/v1/distribution/withdrawals", token)).body.items as any[];
const preview = async (token: string, amountFen: number, method = "bank") =>
  (
    await ctx.client.get(
      `/api/v1/distribution/withdrawals/preview?method=${method}&amountFen=${amountFen}`,
      token,
    )
  ).body;

beforeAll(async () => {
  ctx = await startTestApp();
  owner = await ctx.client.loginOwner();
  await enableDistribution(ctx, owner, {
    withdrawal: {
      methods: ["wallet", "bank"],
      minimumFen: 1000,
      feeBps: 100,
      dailyMaxCount: 2,
      dailyMaxFen: 5000,
    },
  });
});

describe("withdrawal requests that are refused change nothing", () => {
  it("more than available, below the minimum, a disabled method, no consent, a bad amount", async () => {
    const d = await distributor(ctx);
    await credit(ctx, d.userId, 4000);
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ amountFen: 4001 }, 409, "INSUFFICIENT_BALANCE"],
      [{ amountFen: 999 }, 422, "WITHDRAWAL_BELOW_MINIMUM"],
      [{ amountFen: 2000, method: "alipay_api" }, 422, "WITHDRAWAL_METHOD_DISABLED"],
      [{ amountFen: 2000, consent: false }, 422, "WITHDRAWAL_CONSENT_REQUIRED"],
      [{ amountFen: 0 }, 422, "VALIDATION_FAILED"],
      [{ amountFen: 20.5 }, 422, "VALIDATION_FAILED"],
      [{ amountFen: 2000, feeFen: 0 }, 422, "VALIDATION_FAILED"],
    ];
    for (const [body, status, code] of cases) {
      const res = await withdraw(d.token, body);
      expect([res.status, res.body.error?.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect(await preview(d.token, 4001)).toMatchObject({ ok: false, reason: "INSUFFICIENT_BALANCE" });
    // the form shows the rule beside the amount before anyone types a number below it
    expect(await preview(d.token, 1)).toMatchObject({ reason: "WITHDRAWAL_BELOW_MINIMUM", minimumFen: 1000 });
    expect(await wallet(ctx, d.token)).toMatchObject({ availableFen: 4000, withdrawingFen: 0 });
    expect(await history(d.token)).toEqual([]);
  });

  it("a frozen distributor cannot withdraw", async () => {
    const d = await distributor(ctx);
    await credit(ctx, d.userId, 3000);
    await ctx.client.post(
      `/api/admin/v1/distribution/distributors/${d.userId}/status`,
      { action: "freeze", reason: "异常订单" },
      owner,
    );
    const res = await withdraw(d.token, { amountFen: 2000 });
    expect([res.status, res.body.error.code]).toEqual([409, "DISTRIBUTOR_FROZEN"]);
    expect(await wallet(ctx, d.token)).toMatchObject({ availableFen: 3000, withdrawingFen: 0 });
  });
});

describe("fee and daily limits", () => {
  it("the fee is previewed and kept; two a day and ¥50 a day; a rejection does not count; tomorrow is new", async () => {
    const d = await distributor(ctx);
    await credit(ctx, d.userId, 20_000);
    expect(await preview(d.token, 3000)).toEqual({
      ok: true,
      feeFen: 30,
      netFen: 2970,
      reason: null,
      minimumFen: 1000,
    });
    const first = await withdraw(d.token, { amountFen: 3000 });
    expect(first.body).toMatchObject({ status: "requested", amountFen: 3000, feeFen: 30, netFen: 2970 });

    // ¥30 + ¥25 is over the ¥50 day; the preview says so before the request does.
    expect(await preview(d.token, 2500)).toMatchObject({
      ok: false,
      reason: "WITHDRAWAL_DAILY_AMOUNT_EXCEEDED",
    });
    const overAmount = await withdraw(d.token, { amountFen: 2500 });
    expect([overAmount.status, overAmount.body.error.code]).toEqual([
      409,
      "WITHDRAWAL_DAILY_AMOUNT_EXCEEDED",
    ]);

    const second = await withdraw(d.token, { amountFen: 1000 });
    expect(second.status).toBe(201);
    const overCount = await withdraw(d.token, { amountFen: 1000 });
    expect([overCount.status, overCount.body.error.code]).toEqual([409, "WITHDRAWAL_DAILY_COUNT_EXCEEDED"]);

    const rejected = await ctx.client.post(
      `/api/admin/v1/distribution/withdrawals/${second.body.id}/reject`,
      { reason: "账户信息有误" },
      owner,
    );
    expect(rejected.body).toMatchObject({ status: "rejected", rejectReason: "账户信息有误" });
    expect(await wallet(ctx, d.token)).toMatchObject({ availableFen: 17_000, withdrawingFen: 3000 });
    const shown = (await history(d.token)).find((w) => w.id === second.body.id);
    expect(shown).toMatchObject({ status: "rejected", rejectReason: "账户信息有误" });
    expect((await withdraw(d.token, { amountFen: 1000 })).status).toBe(201);

    const finance = await ctx.client.createStaff(owner, "finance");
    const paid = await ctx.client.post(
      `/api/admin/v1/distribution/withdrawals/${first.body.id}/approve`,
      {},
      finance,
    );
    expect(paid.body).toMatchObject({ status: "paid", netFen: 2970 });
    expect(await wallet(ctx, d.token)).toMatchObject({ availableFen: 16_000, withdrawingFen: 1000 });

    // 10:00 Shanghai plus a day: a new business day, with its own count and amount.
    ctx.clock.advance(DAY);
    expect((await withdraw(d.token, { amountFen: 5000 })).status).toBe(201);
  });
});

describe("the payout identity", () => {
  it("is sealed at rest and only its masks leave the server, to the shopper and to finance", async () => {
    const d = await distributor(ctx);
    await credit(ctx, d.userId, 5000);
    const created = await withdraw(d.token, { amountFen: 2000 });
    expect(created.body).toMatchObject({
      realNameMasked: "欧***",
      accountMasked: expect.stringMatching(/0123$/),
    });
    const [row] = await queryRows<Record<string, string>>(
      ctx.deps.db,
      sql`select * from withdrawals where id = ${created.body.id}`,
    );
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(identity.account);
    expect(stored).not.toContain(identity.realName);
    expect(row!.account_sealed).toMatch(/^v1:/);
    expect(ctx.deps.secretBox.open(row!.account_sealed!)).toBe(identity.account);
    expect(ctx.deps.secretBox.open(row!.real_name_sealed!)).toBe(identity.realName);

    const finance = await ctx.client.createStaff(owner, "finance");
    const queue = await ctx.client.get("/api/admin/v1/distribution/withdrawals?status=requested", finance);
    const shown = [JSON.stringify(queue.body), JSON.stringify(await history(d.token))];
    for (const body of shown) {
      expect(body).toContain(String(created.body.id));
      expect(body).not.toContain(identity.account);
      expect(body).not.toContain(identity.realName);
      expect(body).not.toContain("v1:");
    }
  });
});
