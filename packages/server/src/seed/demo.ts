// Demo data for a newcomer: a few shoppers with known passwords. Other areas add their own seeders
// to `demoSeeders` (catalog, distribution); each runs once, on an empty database.
import type { Db } from "../db/client.ts";
import { users } from "../db/schema/accounts.ts";
import { hashPassword } from "../lib/password.ts";
import { seedCatalog } from "./catalog.ts";
import { seedDistribution } from "./distribution.ts";
import { seedGroupBuys } from "./group-buys.ts";
import { seedMarketing } from "./marketing.ts";

export const DEMO_SHOPPER_PASSWORD = "demo1234";

export const demoShoppers = [
  { phone: "13800000001", nickname: "小林" },
  { phone: "13800000002", nickname: "阿芳" },
  { phone: "13800000003", nickname: "王老师" },
  { phone: "13800000004", nickname: "陈姐" },
] as const;

export type DemoSeeder = (db: Db, now: Date) => Promise<void>;

async function seedShoppers(db: Db): Promise<void> {
  const passwordHash = await hashPassword(DEMO_SHOPPER_PASSWORD);
  await db
    .insert(users)
    .values(demoShoppers.map((s) => ({ ...s, passwordHash })))
    .onConflictDoNothing();
}

export const demoSeeders: DemoSeeder[] = [
  seedShoppers,
  seedCatalog,
  seedDistribution,
  seedGroupBuys,
  seedMarketing,
];

export async function seedDemo(db: Db, now: Date): Promise<void> {
  for (const seeder of demoSeeders) await seeder(db, now);
}
