// A distributor shares a group challenge (团购挑战): `/s/CODE/c/ID` opens the shop's challenge page with their
// code, the visit counts for them, and the product poster carries that link while the challenge runs. An
// unknown or frozen code still opens the page and binds nobody (recorded); an ended challenge cannot be shared
// (its page says it has ended), and one that does not exist is 404.
import { beforeAll, describe, expect, it } from "vitest";
import { createFreight, createProduct } from "../commerce/fixtures.ts";
import { DAY, distributor, enableDistribution } from "../distribution/support.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";
import { decodeQr, events, settleTracking } from "./support.ts";

let ctx: TestContext;
let owner: string;
let a: Awaited<ReturnType<typeof distributor>>;
let tea: Awaited<ReturnType<typeof createProduct>>;
let running: number;
let stopped: number;
const base = "http://127.0.0.1:3000";

async function challenge(productSkuId: number, name: string): Promise<number> {
  const created = await ctx.client.post(
    "/api/admin/v1/activities",
    {
      kind: "group_challenge",
      name,
      startsAt: new Date(ctx.clock.now().getTime() - 1000),
      endsAt: new Date(ctx.clock.now().getTime() + DAY),
      args: {
        items: [{ skuId: String(productSkuId) }],
        tiers: [{ participants: 10, payBps: 8000 }],
      },
    },
    owner,
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as number;
}

beforeAll(async () => {
  ctx = await startTestApp();
  owner = await ctx.client.loginOwner();
  await enableDistribution(ctx, owner);
  await createFreight(ctx, owner);
  tea = await createProduct(ctx, owner, { title: "明前龙井 礼盒", skus: [{ priceFen: 10_000, stock: 50 }] });
  a = await distributor(ctx);
  running = await challenge(tea.skus[0]!.id, "龙井十人挑战");
  const cups = await createProduct(ctx, owner, { title: "青瓷茶杯", skus: [{ priceFen: 3000, stock: 50 }] });
  stopped = await challenge(cups.skus[0]!.id, "茶杯挑战");
  const stop = await ctx.client.post(`/api/admin/v1/activities/${stopped}/stop`, {}, owner);
  expect(stop.status, JSON.stringify(stop.body)).toBe(200);
});

const share = (query: string, token = a.token) =>
  ctx.client.get(`/api/v1/distribution/share?${query}`, token);
const poster = (productId: number) =>
  ctx.app.inject({
    method: "GET",
    url: `/api/v1/distribution/posters/product/${productId}`,
    headers: { authorization: `Bearer ${a.token}` },
  });

describe("a group challenge's share link", () => {
  it("is /s/CODE/c/ID; an ended challenge is refused, one that does not exist is 404", async () => {
    const mine = await share(`challengeId=${running}`);
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.activityLink).toBe(`${base}/s/${a.code}/c/${running}`);
    const ended = await share(`challengeId=${stopped}`);
    expect([ended.status, ended.body.error.code]).toEqual([409, "CHALLENGE_ENDED"]);
    const missing = await share("challengeId=999999");
    expect([missing.status, missing.body.error.code]).toEqual([404, "NOT_FOUND"]);
  });

  it("opens the challenge's page with the code; the page's data says when it has ended or does not exist", async () => {
    const opened = await ctx.client.get(`/s/${a.code}/c/${running}`);
    expect([opened.status, opened.headers.location]).toEqual([
      302,
      `/group-challenges/${running}?ref=${a.code}`,
    ]);
    expect((await ctx.client.get(`/api/v1/group-challenges/${running}`)).body.skus[0].productId).toBe(tea.id);
    const ended = await ctx.client.get(`/s/${a.code}/c/${stopped}`);
    expect(ended.headers.location).toBe(`/group-challenges/${stopped}?ref=${a.code}`);
    expect((await ctx.client.get(`/api/v1/group-challenges/${stopped}`)).body.state).toBe("ended");
    expect((await ctx.client.get(`/s/${a.code}/c/999999`)).headers.location).toBe(
      `/group-challenges/999999?ref=${a.code}`,
    );
    expect((await ctx.client.get("/api/v1/group-challenges/999999")).status).toBe(404);
    const odd = await ctx.client.get(`/s/${encodeURIComponent("<b>")}/c/${running}`);
    expect(odd.headers.location).toBe(`/group-challenges/${running}`);
  });

  it("a visit through it binds the shopper to the distributor; an unknown or frozen code binds nobody, recorded", async () => {
    const frozen = await distributor(ctx);
    await ctx.client.post(
      `/api/admin/v1/distribution/distributors/${frozen.userId}/status`,
      { action: "freeze", reason: "刷单" },
      owner,
    );
    const outcomes = [];
    for (const code of [a.code, "NOPE0000", frozen.code]) {
      const landing = new URL((await ctx.client.get(`/s/${code}/c/${running}`)).headers.location!, base);
      expect(landing.pathname).toBe(`/group-challenges/${running}`);
      // what the shop does on arrival: record the visit of an activity page with the code it carries
      const shopper = await ctx.client.registerShopper();
      const visit = await ctx.client.post(
        "/api/v1/referrals/visit",
        { ref: landing.searchParams.get("ref"), source: "activity" },
        shopper.token,
      );
      const referrer = await ctx.client.get("/api/v1/distribution/referrer", shopper.token);
      outcomes.push([visit.body.bound ?? visit.body.error.code, referrer.body.referrer?.userId ?? null]);
    }
    expect(outcomes).toEqual([
      [true, a.userId],
      ["REFERRAL_CODE_UNKNOWN", null],
      ["DISTRIBUTOR_FROZEN", null],
    ]);
    await settleTracking(ctx);
    const opens = (await events(ctx)).filter((e) => e.kind === "link_open" && e.source === "activity");
    expect(opens.map((e) => [e.refCode, e.distributorUserId, e.outcome])).toEqual([
      [a.code, a.userId, expect.any(String)],
      ["NOPE0000", null, "code_unknown"],
      [frozen.code, null, "code_frozen"],
    ]);
  });

  it("the product poster carries the challenge's link while it runs, the product's link after", async () => {
    const during = await poster(tea.id);
    expect(during.statusCode).toBe(200);
    expect(decodeQr(during.rawPayload)).toBe(`${base}/s/${a.code}/c/${running}`);
    await ctx.client.post(`/api/admin/v1/activities/${running}/stop`, {}, owner);
    const after = await poster(tea.id);
    expect(decodeQr(after.rawPayload)).toBe(`${base}/s/${a.code}/p/${tea.id}`);
  });
});
