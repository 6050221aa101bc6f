// Builds one migrated database per run and hands it to every test file, which copies it:
// PGlite dumps its data folder once (a fresh initdb costs seconds and hundreds of MB),
// PostgreSQL migrates a template database that each file clones with CREATE DATABASE … TEMPLATE.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres, queryRows } from "../src/db/client.ts";
import { runMigrations } from "../src/db/migrate.ts";
import { adminUrl, databaseUrlFor } from "./support/postgres-urls.ts";

declare module "vitest" {
  export interface ProvidedContext {
    engine: "pglite" | "postgres";
    /** Every engine the server suite runs on in this run (vitest.config.ts). */
    engines: Array<"pglite" | "postgres">;
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}

/** Connections that drop the files' databases at the end of the run (they share checkpoints). */
const DROP_CONNECTIONS = 16;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const engine = project.config.provide?.engine === "postgres" ? "postgres" : "pglite";
  if (engine === "pglite") {
    const database = await openPglite();
    await runMigrations(database);
    const dump = await database.pglite!.dumpDataDir("none");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "liebian-tpl-")), "template.tar");
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await database.close();
    project.provide("pgliteTemplate", file);
    return async () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("the postgres test project needs DATABASE_URL");
  // Named after the run's own database, so whoever made that one can drop whatever a killed run left
  // (.ci/run drops `<its database>_tpl_%` on exit); cut so the files' clone names fit PostgreSQL's 63 bytes.
  const owner = new URL(url).pathname.slice(1).slice(0, 20);
  const template = `${owner}_tpl_${process.pid}_${Date.now()}`;
  const admin = await openPostgres(adminUrl(url), 1);
  await admin.db.execute(sql.raw(`create database ${template}`));
  const database = await openPostgres(databaseUrlFor(url, template), 2);
  await runMigrations(database);
  await database.close();
  project.provide("postgresTemplate", template);
  return async () => {
    // the files' own databases (test-database.ts names them after the template), then the template
    const clones = await queryRows<{ datname: string }>(
      admin.db,
      sql`select datname from pg_database where datname like ${`${template}\\_t\\_%`}`,
    );
    await admin.close();
    // Each DROP DATABASE waits for a checkpoint (1-2 s on a quiet machine, more on a busy one): one after
    // another, a run's hundred-odd databases took 240 s at the end of the suite. Drops waiting at the same
    // time share a checkpoint, so a few connections drop them all in seconds.
    const dropper = await openPostgres(adminUrl(url), DROP_CONNECTIONS);
    const names = clones.map((c) => c.datname);
    await Promise.all(
      Array.from({ length: DROP_CONNECTIONS }, async () => {
        for (let name = names.pop(); name; name = names.pop())
          await dropper.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      }),
    );
    await dropper.db.execute(sql.raw(`drop database if exists ${template} with (force)`));
    await dropper.close();
  };
}
