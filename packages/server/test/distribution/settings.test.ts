// The distribution settings page saves the sections it sends and leaves the others as they were.
import { expect, test } from "vitest";
import { startTestApp } from "../support/test-app.ts";

const ctx = await startTestApp();

test("saving only the eligibility rule keeps distribution switched on and the rates as set", async () => {
  const owner = await ctx.client.loginOwner();
  const on = await ctx.client.put(
    "/api/admin/v1/distribution/settings",
    { plan: { enabled: true, levels: 2, ratesBps: [1200, 600, 0] } },
    owner,
  );
  expect(on.status).toBe(200);
  const eligibility = await ctx.client.put(
    "/api/admin/v1/distribution/settings",
    { eligibility: { kind: "after_first_paid_order" } },
    owner,
  );
  expect(eligibility.status).toBe(200);
  const stored = (await ctx.client.get("/api/admin/v1/distribution/settings", owner)).body;
  expect(stored.plan.enabled).toBe(true);
  expect(stored.plan.ratesBps).toEqual([1200, 600, 0]);
  expect(stored.eligibility.kind).toBe("after_first_paid_order");
});

test("the total commission cap can be lowered, never raised above 30%; a refusal changes nothing", async () => {
  const owner = await ctx.client.loginOwner();
  const lowered = await ctx.client.put(
    "/api/admin/v1/distribution/settings",
    { plan: { enabled: true, levels: 2, ratesBps: [1000, 500, 0], capBps: 2000 } },
    owner,
  );
  expect(lowered.status, JSON.stringify(lowered.body)).toBe(200);
  for (const capBps of [3001, 5000, 10_000]) {
    const raised = await ctx.client.put(
      "/api/admin/v1/distribution/settings",
      { plan: { enabled: true, levels: 2, ratesBps: [1000, 500, 0], capBps } },
      owner,
    );
    expect([raised.status, raised.body.error?.code]).toEqual([422, "COMMISSION_CAP_OVER_LIMIT"]);
  }
  const stored = (await ctx.client.get("/api/admin/v1/distribution/settings", owner)).body;
  expect(stored.plan.capBps).toBe(2000);
  const atLimit = await ctx.client.put(
    "/api/admin/v1/distribution/settings",
    { plan: { enabled: true, levels: 2, ratesBps: [1000, 500, 0], capBps: 3000 } },
    owner,
  );
  expect(atLimit.status).toBe(200);
});
