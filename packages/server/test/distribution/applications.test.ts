// The application review queue as staff read it: each pending application names the applicant's account
// (nickname and login phone) next to what they typed into the form.
import { beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestContext } from "../support/test-app.ts";
import { enableDistribution } from "./support.ts";

let ctx: TestContext;
let owner: string;

beforeAll(async () => {
  ctx = await startTestApp();
  owner = await ctx.client.loginOwner();
  await enableDistribution(ctx, owner, { eligibility: { kind: "application" } });
});

describe("distributor applications", () => {
  it("lists a pending application with the applicant's nickname and account phone (masked)", async () => {
    const shopper = await ctx.client.registerShopper({ nickname: "申请的小周" });
    const applied = await ctx.client.post(
      "/api/v1/distribution/applications",
      { realName: "周某", phone: "13500000009", note: "朋友多" },
      shopper.token,
    );
    expect(applied.status, JSON.stringify(applied.body)).toBeLessThan(300);

    const queue = await ctx.client.get("/api/admin/v1/distribution/applications", owner);
    expect(queue.status, JSON.stringify(queue.body)).toBe(200);
    const row = queue.body.items.find((a: { userId: number }) => a.userId === shopper.userId);
    expect(row).toMatchObject({
      nickname: "申请的小周",
      accountPhone: `${shopper.phone.slice(0, 3)}****${shopper.phone.slice(-4)}`,
      realName: "周某",
      phone: "135****0009",
      status: "pending",
    });
  });
});

describe("the applicant's own view", () => {
  it("shows the pending application on 我的分销; approval makes them a distributor with a link", async () => {
    const shopper = await ctx.client.registerShopper();
    const before = await ctx.client.get("/api/v1/distribution/me", shopper.token);
    expect(before.body).toMatchObject({
      distributor: null,
      application: null,
      eligibility: { kind: "application" },
      enabled: true,
      inviteLink: null,
    });
    const applied = await ctx.client.post(
      "/api/v1/distribution/applications",
      { realName: "吴某", phone: "13500000010" },
      shopper.token,
    );
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    const pending = await ctx.client.get("/api/v1/distribution/me", shopper.token);
    expect(pending.body.application).toMatchObject({ id: applied.body.id, status: "pending", note: "" });

    const review = await ctx.client.post(
      `/api/admin/v1/distribution/applications/${applied.body.id}/review`,
      { approve: true },
      owner,
    );
    expect(review.status, JSON.stringify(review.body)).toBe(200);
    expect(review.body).toMatchObject({ status: "approved", rejectReason: null });
    const after = await ctx.client.get("/api/v1/distribution/me", shopper.token);
    expect(after.body.distributor).toMatchObject({ status: "active", grantedVia: "application" });
    expect(after.body.inviteLink).toMatch(new RegExp(`/\\?ref=${after.body.inviteCode}$`));
  });
});
