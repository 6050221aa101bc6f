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
