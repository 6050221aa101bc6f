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
      // One wins. The other is refused: 409 when both were owners as their requests were checked (the second
      // would leave no owner); when the winner's change committed before the other request was checked, its
      // sender is no longer an owner (403) or, disabled, no longer signed in (401 / 403 ACCOUNT_DISABLED).
      const statuses = [mine.status, theirs.status];
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect([401, 403, 409]).toContain(statuses.find((status) => status !== 200));
      const reader = mine.status === 200 ? owner : other;
      const staff = (await ctx.client.get("/api/admin/v1/staff", reader)).body as Array<{
        role: string;
        disabled: boolean;
      }>;
      expect(staff.filter((s) => s.role === "owner" && !s.disabled)).toHaveLength(1);
      // Back to one owner for the next round: the winner restores the first owner, who retires the other.
      if (mine.status !== 200) {
        await ctx.client.patch(`/api/admin/v1/staff/${ids[0]}`, { role: "owner", disabled: false }, other);
      }
      const first = await ctx.client.loginOwner();
      await ctx.client.patch(`/api/admin/v1/staff/${ids[1]}`, { role: "support", disabled: true }, first);
    }
  });
});
