// Sessions are remembered in the process for a few seconds: a revocation made by this process (logout, a
// staff member disabled or given another role) applies to the very next request, and one made elsewhere
// (another process, seen here as a direct write to the database) applies within the cache's lifetime.
import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { SESSION_CACHE_TTL_MS } from "../../src/http/session-cache.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";

let ctx: TestContext;
let owner: string;

beforeAll(async () => {
  ctx = await startTestApp();
  owner = await ctx.client.loginOwner();
});

afterEach(() => {
  vi.useRealTimers();
});

const me = (token: string) => ctx.client.get("/api/v1/me", token);

describe("the session cache", () => {
  it("logging out ends the session at the very next request", async () => {
    const shopper = await ctx.client.registerShopper();
    expect((await me(shopper.token)).status).toBe(200);
    expect((await ctx.client.post("/api/v1/auth/logout", {}, shopper.token)).status).toBeLessThan(300);
    expect((await me(shopper.token)).status).toBe(401);
  });

  it("a staff member disabled or given a narrower role is refused at once", async () => {
    const finance = await ctx.client.createStaff(owner, "finance");
    expect((await ctx.client.get("/api/admin/v1/payments", finance)).status).toBe(200);
    const list = await ctx.client.get("/api/admin/v1/staff", owner);
    const id = (list.body as { id: number; role: string }[]).find((s) => s.role === "finance")!.id;

    const narrowed = await ctx.client.patch(`/api/admin/v1/staff/${id}`, { role: "support" }, owner);
    expect(narrowed.status, JSON.stringify(narrowed.body)).toBe(200);
    expect((await ctx.client.get("/api/admin/v1/payments", finance)).status).toBe(403);

    expect((await ctx.client.patch(`/api/admin/v1/staff/${id}`, { disabled: true }, owner)).status).toBe(200);
    expect((await ctx.client.get("/api/admin/v1/staff", finance)).status).toBe(401);
  });

  it("a session revoked by another process stops working within the cache's lifetime", async () => {
    const shopper = await ctx.client.registerShopper();
    expect((await me(shopper.token)).status).toBe(200);
    await ctx.deps.db.execute(sql`update sessions set revoked_at = now() where subject_id = ${shopper.userId}
      and subject_kind = 'user'`);
    // still remembered here: this is the cost the cache saves
    expect((await me(shopper.token)).status).toBe(200);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + SESSION_CACHE_TTL_MS + 1);
    expect((await me(shopper.token)).status).toBe(401);
  });
});
