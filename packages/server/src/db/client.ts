// Opens the database: embedded PGlite in a data folder by default, PostgreSQL when a URL is given.
// Both engines return int8 as a JS number (guarded to the safe range) so money reads the same everywhere.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { nameStatementsOf } from "./named-statements.ts";
import { wireClient } from "./pglite-wire.ts";
import { pipelineTransactionsOf } from "./pipelined-transaction.ts";

// Drizzle is given no schema: with one, every database object — each transaction too — built a relational
// query builder (`db.query.<table>`) for each of the ~90 tables, 2% of the server's CPU per order on
// PostgreSQL and 0.1-0.15 ms of PGlite's one thread per transaction; the app reads with select() and fixed
// statements, importing the tables it uses.
type NoSchema = Record<string, never>;
export type Db = PgDatabase<PgQueryResultHKT, NoSchema>;
export type Tx = PgTransaction<PgQueryResultHKT, NoSchema, ExtractTablesWithRelations<NoSchema>>;
/** Either the database or an open transaction: repo functions take this. */
export type Executor = Db | Tx;

export type Database = {
  engine: "pglite" | "postgres";
  db: Db;
  close(): Promise<void>;
  /** The PGlite instance when embedded (tests dump and copy it). */
  pglite?: PGlite;
};

const INT8_OID = 20;

export function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${text} is outside the safe integer range`);
  return n;
}

/**
 * `keepOpen`: a connection once opened stays open (pool min = max), as the server's pool does. Its pool is
 * small (defaultPoolSize), and closing idle ones after pg-pool's 10 s meant every quiet spell ended with the
 * next burst (a flash sale opening) reconnecting, preparing every named statement again and warming a new
 * backend's catalogue caches. Tests' many short-lived pools let idle connections go.
 */
export async function openPostgres(
  url: string,
  poolSize = 10,
  options: { keepOpen?: boolean } = {},
): Promise<Database> {
  // Set globally: Drizzle passes pg's global parsers with each query, overriding a pool-level one.
  pg.types.setTypeParser(INT8_OID, parseInt8);
  // pipeline: a statement is written when it is asked for, not when the one before has answered (the app
  // still waits for each answer; BEGIN, and COMMIT behind a last statement, go ahead: pipelined-transaction.ts)
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ...(options.keepOpen ? { min: poolSize } : {}),
    pipeline: true,
  } as pg.PoolConfig);
  pool.on("error", () => {
    // An idle client lost its connection; the pool replaces it. Queries report their own errors.
  });
  pool.on("connect", (client) => {
    nameStatementsOf(client);
    pipelineTransactionsOf(client);
  });
  const db = drizzleNodePg(pool) as unknown as Db;
  return { engine: "postgres", db, close: () => pool.end() };
}

export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob } = {}): Promise<Database> {
  if (options.dataDir) fs.mkdirSync(path.dirname(path.resolve(options.dataDir)), { recursive: true });
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: { [INT8_OID]: (value: string) => parseInt8(value) },
  });
  return pgliteDatabase(pglite);
}

/**
 * A Database over an open PGlite instance (a new Drizzle instance each call; closing closes the instance).
 * Drizzle's pglite driver is given pglite-wire.ts's client, not the instance: each statement is prepared once
 * and then one call into the WASM.
 */
export function pgliteDatabase(pglite: PGlite): Database {
  const db = drizzlePglite({ client: wireClient(pglite) as never }) as unknown as Db;
  return { engine: "pglite", db, pglite, close: () => pglite.close() };
}

/** Runs raw SQL and returns its rows; both drivers answer `{ rows }`. Prefer the query builder. */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
