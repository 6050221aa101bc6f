// Gives a test file its own migrated database on the engine of its project.
// PGlite: loading the migrated template into a new instance costs ~1 CPU-second (untar into its in-memory
// file system and start), which was a quarter of the embedded suite. Test files of a worker run one after
// another (isolate: false), so an instance is reused: when a file closes its database, every table is
// emptied, identities restart and tables made since the template (monthly partitions) are dropped. The next
// file gets the same contents a fresh copy of the template has, behind a new Drizzle instance (caches keyed
// by it start empty). A file that holds two databases at once gets a second instance.
// PostgreSQL: a database cloned from the run's template (commits not waiting for the disk), dropped when the run
// ends.

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { inject } from "vitest";
import { type Database, openPglite, openPostgres, pgliteDatabase } from "../../src/db/client.ts";
import { adminUrl, databaseUrlFor } from "./postgres-urls.ts";

export const engine = inject("engine") ?? "pglite";
export const onPostgres = engine === "postgres";

/** A test file's database; `url` is set on PostgreSQL (for child server processes and the job queue). */
export type TestDatabase = Database & { url?: string };

/** Reset instances waiting for this worker's next file; more than two would only hold memory. */
const idle: PGlite[] = [];
const MAX_IDLE = 2;
/** The template's own tables (`schema.table`); anything else was made by a test file. */
let templateTables: Set<string> | undefined;
/** Emptying tables restores the template only while migrations insert no rows; else every file loads it. */
let reusable = true;

const tablesOf = async (pglite: PGlite) =>
  (
    await pglite.query<{ name: string }>(
      `select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname = 'public'`,
    )
  ).rows.map((r) => r.name);

async function loadTemplate(): Promise<PGlite> {
  const blob = new Blob([fs.readFileSync(inject("pgliteTemplate"))]);
  const { pglite } = await openPglite({ loadDataDir: blob });
  if (!templateTables) {
    const tables = await tablesOf(pglite!);
    templateTables = new Set(tables);
    const counts = tables.map((t) => `(select count(*) from ${t})`).join(" + ");
    const [row] = (await pglite!.query<{ n: number }>(`select ${counts} as n`)).rows;
    reusable = Number(row!.n) === 0;
  }
  return pglite!;
}

/** Back to the template's contents: the template has no rows in public (migrations only create). */
async function resetToTemplate(pglite: PGlite): Promise<void> {
  const tables = await tablesOf(pglite);
  const made = tables.filter((t) => !templateTables!.has(t));
  const kept = tables.filter((t) => templateTables!.has(t));
  // replica: the ledger's append-only triggers refuse TRUNCATE, rightly, outside a test's reset
  await pglite.exec(`set session_replication_role = replica;
    ${made.length ? `drop table if exists ${made.join(", ")} cascade;` : ""}
    truncate ${kept.join(", ")} restart identity cascade;
    set session_replication_role = origin;`);
}

async function createPgliteDatabase(): Promise<TestDatabase> {
  const pglite = idle.pop() ?? (await loadTemplate());
  let closed = false;
  return {
    ...pgliteDatabase(pglite),
    close: async () => {
      if (closed) return;
      closed = true;
      if (reusable && idle.length < MAX_IDLE) {
        try {
          await resetToTemplate(pglite);
          idle.push(pglite);
          return;
        } catch {
          // a file that left the instance unusable (an open transaction): it is closed below
        }
      }
      await pglite.close();
    },
  };
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (engine === "pglite") return createPgliteDatabase();
  const url = process.env.DATABASE_URL!;
  // Named after the run's template, so global-setup.ts drops it when the run ends: a DROP DATABASE waits for
  // a checkpoint (1-4 s on a busy machine), which each file used to wait for in its afterAll.
  const template = inject("postgresTemplate");
  const name = `${template}_t_${randomBytes(6).toString("hex")}`;
  const admin = await openPostgres(adminUrl(url), 1);
  await admin.db.execute(sql.raw(`create database ${name} template ${template}`));
  // A commit returns before its WAL reaches the disk (1.6-2.1 ms less per commit here, measured with psql):
  // only a crash of PostgreSQL itself could lose such a commit, which no test does (the crash test kills the
  // server and cuts its connections; committed rows stay committed). Set on the database, so the server
  // processes some files start inherit it.
  await admin.db.execute(sql.raw(`alter database ${name} set synchronous_commit = off`));
  await admin.close();
  const database = await openPostgres(databaseUrlFor(url, name), 20);
  return { ...database, url: databaseUrlFor(url, name) };
}
