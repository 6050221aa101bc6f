// Gives a test file its own migrated database on the engine of its project.
// PGlite: loading the migrated template into a new instance costs ~1 CPU-second (untar into its in-memory
// file system and start), which was a quarter of the embedded suite. Test files of a worker run one after
// another (isolate: false), so an instance is reused: when a file closes its database, the tables it wrote
// are emptied and the migrations' own rows put back, sequences are set back and tables made since the
// template (monthly partitions) are dropped. The next file gets the same contents a fresh copy of the
// template has, behind a new Drizzle instance (caches keyed by it start empty). A file that holds two
// databases at once gets a second instance.
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

/** What the migrated template holds, read from the first instance a worker loads. */
type TemplateState = {
  /** Its tables (`schema.table`); anything else was made by a test file. */
  tables: Set<string>;
  /** Rows the migrations inserted (e.g. 0049's shared frozen account), as JSON, by table. */
  rows: Map<string, string>;
  /** Each sequence's state as `setval` takes it back. */
  sequences: Map<string, { value: string; called: boolean }>;
};
let template: TemplateState | undefined;

const TABLES = `select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname = 'public'`;
const SEQUENCES = `select format('%I.%I', schemaname, sequencename) as name,
    coalesce(last_value, start_value)::text as value, last_value is not null as called
  from pg_sequences where schemaname = 'public'`;

async function readTemplate(pglite: PGlite): Promise<TemplateState> {
  const tables = (await pglite.query<{ name: string }>(TABLES)).rows.map((r) => r.name);
  const rows = new Map<string, string>();
  for (const table of tables) {
    const [row] = (
      await pglite.query<{ json: string | null }>(`select json_agg(t)::text as json from ${table} t`)
    ).rows;
    if (row?.json) rows.set(table, row.json);
  }
  const sequences = (await pglite.query<{ name: string; value: string; called: boolean }>(SEQUENCES)).rows;
  return {
    tables: new Set(tables),
    rows,
    sequences: new Map(sequences.map((s) => [s.name, { value: s.value, called: s.called }])),
  };
}

async function loadTemplate(): Promise<PGlite> {
  const blob = new Blob([fs.readFileSync(inject("pgliteTemplate"))]);
  const { pglite } = await openPglite({ loadDataDir: blob });
  template ??= await readTemplate(pglite!);
  return pglite!;
}

/**
 * Back to the template's contents, touching only what the file changed: emptying all ~130 tables cost
 * 0.8-2.6 s a file (each TRUNCATE makes new files for a table and its indexes), about what loading the
 * template again costs. Tables with rows are emptied and the template's own rows put back; sequences that
 * moved are set back (a table written and then emptied by its test has only moved its sequence).
 */
async function resetToTemplate(pglite: PGlite, state: TemplateState): Promise<void> {
  const tables = (await pglite.query<{ name: string }>(TABLES)).rows.map((r) => r.name);
  const made = tables.filter((t) => !state.tables.has(t));
  const kept = tables.filter((t) => state.tables.has(t));
  const [row] = (
    await pglite.query<{ names: string[] | null }>(
      `select array_remove(array[${kept.map((t) => `(select ${literal(t)} where exists (select from ${t}))`).join(", ")}], null) as names`,
    )
  ).rows;
  const written = [...new Set([...(row?.names ?? []), ...state.rows.keys()])];
  const sequences = (await pglite.query<{ name: string; value: string; called: boolean }>(SEQUENCES)).rows;
  const restore = sequences.flatMap((now) => {
    const was = state.sequences.get(now.name);
    return was && (was.value !== now.value || was.called !== now.called)
      ? [`select setval(${literal(now.name)}, ${was.value}, ${was.called});`]
      : [];
  });
  const refill = [...state.rows].map(
    ([table, json]) =>
      `insert into ${table} overriding system value select * from json_populate_recordset(null::${table}, ${literal(json)});`,
  );
  // replica: the ledger's append-only triggers refuse TRUNCATE, rightly, outside a test's reset
  await pglite.exec(`set session_replication_role = replica;
    ${made.length ? `drop table if exists ${made.join(", ")} cascade;` : ""}
    ${written.length ? `truncate ${written.join(", ")} cascade;` : ""}
    ${refill.join("\n")}
    ${restore.join("\n")}
    set session_replication_role = origin;`);
}

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

async function createPgliteDatabase(): Promise<TestDatabase> {
  const pglite = idle.pop() ?? (await loadTemplate());
  let closed = false;
  return {
    ...pgliteDatabase(pglite),
    close: async () => {
      if (closed) return;
      closed = true;
      if (template && idle.length < MAX_IDLE) {
        try {
          await resetToTemplate(pglite, template);
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
  // 10: a ten-request race gets a connection each (wider ones queue for them); with 20, two workers' files
  // and the servers some start reached PostgreSQL's 100 connections (a race test saw 503s).
  const database = await openPostgres(databaseUrlFor(url, name), 10);
  return { ...database, url: databaseUrlFor(url, name) };
}
