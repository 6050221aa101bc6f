// Demo distribution: distribution switched on with the default 10% / 5% plan, 小林 (13800000001) a distributor,
// and 阿芳 (13800000002) bound to him, so a newcomer sees a distribution centre with a team at once.
import { inArray } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { users } from "../db/schema/accounts.ts";
import { inTransaction } from "../db/transaction.ts";
import { attemptBind } from "../modules/binding/service.ts";
import { DistributionSettings } from "../modules/distribution/settings-schema.ts";
import { grantDistributor } from "../modules/distributors/service.ts";
import { upsertSection } from "../modules/settings/repo.ts";
import { forgetCachedSettings } from "../modules/settings/service.ts";

export async function seedDistribution(db: Db, now: Date): Promise<void> {
  // The section is written directly: this process's copy of the settings must not hide it.
  forgetCachedSettings(db);
  await inTransaction(db, async (tx) => {
    await upsertSection(tx, "distribution", DistributionSettings.parse({ plan: { enabled: true } }));
    const rows = await tx
      .select({ id: users.id, phone: users.phone })
      .from(users)
      .where(inArray(users.phone, ["13800000001", "13800000002"]));
    const lin = rows.find((r) => r.phone === "13800000001");
    const fang = rows.find((r) => r.phone === "13800000002");
    if (!lin || !fang) return;
    await grantDistributor(tx, lin.id, "appointed", now);
    await attemptBind(tx, {
      shopperId: fang.id,
      candidateId: lin.id,
      isNewShopper: true,
      provenance: { source: "link" },
      now,
    });
  });
  forgetCachedSettings(db);
}
