// When the payout rail says no or does not answer: a failed transfer keeps the money on hold and can be
// approved again (asked about first, re-sent under the same number) or rejected (money back, reason shown);
// a transfer that timed out is only ever queried, never sent again, until the poll finds its answer.
import { beforeAll, describe, expect, it } from "vitest";
import type { PayoutResult, Payouts } from "../../src/deps.ts";
import { pollPayouts } from "../../src/jobs/poll-payouts.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";
import { credit, distributor, enableDistribution, wallet } from "./support.ts";

/** A payout rail whose answers the test scripts, recording every transfer number it was sent. */
const sent: string[] = [];
const script: { send: Array<PayoutResult | "timeout">; query: PayoutResult } = {
  send: [],
  query: { status: "processing" },
};
const scriptedPayouts: Payouts = {
  async send(input) {
    sent.push(input.outBillNo);
    const next = script.send.shift() ?? { status: "succeeded" };
    if (next === "timeout") throw new Error("ETIMEDOUT");
    return next;
  },
  async query() {
    return script.query;
  },
};

let ctx: TestContext;
let finance: string;

beforeAll(async () => {
  ctx = await startTestApp({ payouts: scriptedPayouts });
  const owner = await ctx.client.loginOwner();
  finance = await ctx.client.createStaff(owner, "finance");
  await enableDistribution(ctx, owner);
});

async function requested(amountFen: number) {
  const d = await distributor(ctx);
  await credit(ctx, d.userId, amountFen);
  const wd = await ctx.client.post(
    "/api/v1/distribution/withdrawals",
    { method: "wechat_api", amountFen, realName: "刘洋", account: "wx-liuyang", consent: true },
    d.token,
  );
  expect(wd.status, JSON.stringify(wd.body)).toBe(201);
  return { d, id: wd.body.id as number, outBillNo: wd.body.outBillNo as string };
}
const act = (id: number, action: "approve" | "reject") =>
  ctx.client.post(
    `/api/admin/v1/distribution/withdrawals/${id}/${action}`,
    action === "reject" ? { reason: "收款账户有误" } : {},
    finance,
  );

describe("payout failures", () => {
  it("a failed transfer keeps the hold; approved again it is asked about, then re-sent under the same number", async () => {
    const { d, id, outBillNo } = await requested(3000);
    sent.length = 0;
    script.send = [{ status: "failed", reason: "余额不足" }];
    const failed = await act(id, "approve");
    expect(failed.body).toMatchObject({ status: "failed", failureReason: "余额不足" });
    expect(await wallet(ctx, d.token)).toMatchObject({ availableFen: 0, withdrawingFen: 3000 });

    script.query = { status: "failed", reason: "余额不足" };
    const paid = await act(id, "approve");
    expect(paid.body).toMatchObject({ status: "paid", failureReason: null });
    expect(sent).toEqual([outBillNo, outBillNo]);
    expect(await wallet(ctx, d.token)).toMatchObject({ availableFen: 0, withdrawingFen: 0 });
    expect((await act(id, "reject")).body.error.code).toBe("WITHDRAWAL_STATE_INVALID");
  });

  it("a failed transfer rejected by finance gives the money back with the reason", async () => {
    const { d, id } = await requested(2000);
    script.send = [{ status: "failed", reason: "账户已注销" }];
    await act(id, "approve");
    const rejected = await act(id, "reject");
    expect(rejected.body).toMatchObject({ status: "rejected", rejectReason: "收款账户有误" });
    expect(await wallet(ctx, d.token)).toMatchObject({ availableFen: 2000, withdrawingFen: 0 });
    const mine = (await ctx.client.get("/api/v1/distribution/withdrawals", d.token)).body.items;
    expect(mine[0]).toMatchObject({ id, status: "rejected", rejectReason: "收款账户有误" });
  });

  it("a timed-out transfer stays paying, cannot be approved or rejected, and is settled by the poll", async () => {
    const { d, id, outBillNo } = await requested(1500);
    sent.length = 0;
    script.send = ["timeout"];
    script.query = { status: "processing" };
    expect((await act(id, "approve")).body.status).toBe("paying");
    expect((await act(id, "approve")).body.error.code).toBe("WITHDRAWAL_STATE_INVALID");
    expect((await act(id, "reject")).body.error.code).toBe("WITHDRAWAL_STATE_INVALID");
    await pollPayouts.run(ctx.deps, ctx.clock.now());
    expect(await wallet(ctx, d.token)).toMatchObject({ availableFen: 0, withdrawingFen: 1500 });
    script.query = { status: "succeeded" };
    await pollPayouts.run(ctx.deps, ctx.clock.now());
    expect(await wallet(ctx, d.token)).toMatchObject({ availableFen: 0, withdrawingFen: 0 });
    expect(sent).toEqual([outBillNo]);
  });
});
