// Gives a test file its own migrated database on the engine of its project.

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { sql } from "drizzle-orm";
import { inject } from "vitest";
import { type Database, openPglite, openPostgres } from "../../src/db/client.ts";
import { adminUrl, databaseUrlFor } from "./postgres-urls.ts";

export const engine = inject("engine") ?? "pglite";
export const onPostgres = engine === "postgres";

/** A test file's database; `url` is set on PostgreSQL (for child server processes and the job queue). */
export type TestDatabase = Database & { url?: string };

export async function createTestDatabase(): Promise<TestDatabase> {
  if (engine === "pglite") {
    const blob = new Blob([fs.readFileSync(inject("pgliteTemplate"))]);
    return openPglite({ loadDataDir: blob });
  }
  const url = process.env.DATABASE_URL!;
  const name = `liebian_t_${randomBytes(6).toString("hex")}`;
  const admin = await openPostgres(adminUrl(url), 1);
  await admin.db.execute(sql.raw(`create database ${name} template ${inject("postgresTemplate")}`));
  await admin.close();
  const database = await openPostgres(databaseUrlFor(url, name), 20);
  return {
    ...database,
    url: databaseUrlFor(url, name),
    close: async () => {
      await database.close();
      const cleanup = await openPostgres(adminUrl(url), 1);
      await cleanup.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      await cleanup.close();
    },
  };
}
