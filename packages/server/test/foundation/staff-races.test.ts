// Two owners demoting or disabling each other at the same moment must leave the shop with an owner.
// PostgreSQL only: PGlite runs one transaction at a time, so the race cannot happen there.
import { beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestContext } from "../support/test-app.ts";
import { onPostgres } from "../support/test-database.ts";

let ctx: TestContext;

describe.runIf(onPostgres)("staff races on PostgreSQL", () => {
  beforeAll(async () => {
    ctx = await startTestApp();
  });

  it("two owners taking each other's owner role at once: one wins, the shop keeps an owner", async () => {
    for (const change of [{ role: "operator" }, { disabled: true }, { role: "support" }]) {
      const owner = await ctx.client.loginOwner();
      const other = await ctx.client.createStaff(owner, "owner");
      const ids = await Promise.all(
        [owner, other].map(async (t) => (await ctx.client.get("/api/admin/v1/me", t)).body.id as number),
      );
      const [mine, theirs] = await Promise.all([
        ctx.client.patch(`/api/admin/v1/staff/${ids[1]}`, change, owner),
        ctx.client.patch(`/api/admin/v1/staff/${ids[0]}`, change, other),
      ]);
      expect([mine.status, theirs.status].sort()).toEqual([200, 409]);
      const reader = mine.status === 200 ? owner : other;
      const staff = (await ctx.client.get("/api/admin/v1/staff", reader)).body as Array<{
        role: string;
        disabled: boolean;
      }>;
      expect(staff.filter((s) => s.role === "owner" && !s.disabled)).toHaveLength(1);
      // Back to one owner for the next round: the winner restores the first owner, who retires the other.
      if (mine.status === 409) {
        await ctx.client.patch(`/api/admin/v1/staff/${ids[0]}`, { role: "owner", disabled: false }, other);
      }
      const first = await ctx.client.loginOwner();
      await ctx.client.patch(`/api/admin/v1/staff/${ids[1]}`, { role: "support", disabled: true }, first);
    }
  });
});
