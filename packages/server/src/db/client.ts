// Opens the database: embedded PGlite in a data folder by default, PostgreSQL when a URL is given.
// Both engines return int8 as a JS number (guarded to the safe range) so money reads the same everywhere.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { PgDatabase, type PgDialect, type PgQueryResultHKT, type PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite, PgliteSession, PgliteTransaction } from "drizzle-orm/pglite";
import pg from "pg";
import { nameStatementsOf } from "./named-statements.ts";
import { type WireClient, wireClient } from "./pglite-wire.ts";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
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

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  // Set globally: Drizzle passes pg's global parsers with each query, overriding a pool-level one.
  pg.types.setTypeParser(INT8_OID, parseInt8);
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on("error", () => {
    // An idle client lost its connection; the pool replaces it. Queries report their own errors.
  });
  pool.on("connect", nameStatementsOf);
  const db = drizzleNodePg(pool, { schema }) as unknown as Db;
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
  const db = drizzlePglite({ client: wireClient(pglite) as never, schema }) as unknown as Db;
  leanTransactions(db);
  return { engine: "pglite", db, pglite, close: () => pglite.close() };
}

type Session = PgliteSession<Schema, never>;
type Relational = ConstructorParameters<typeof PgliteSession>[2];

/**
 * Drizzle makes a relational query builder for each of the schema's ~90 tables whenever it makes a
 * transaction object (0.1–0.15 ms, several times per checkout, on PGlite's one thread). Here a transaction's
 * `tx.query` builders are made when it is first read; everything else is Drizzle's own transaction.
 */
function leanTransactions(db: Db): void {
  const session = (db as unknown as { session: Session }).session;
  const {
    dialect,
    schema: relational,
    options,
  } = session as unknown as {
    dialect: PgDialect;
    schema: Relational;
    options: ConstructorParameters<typeof PgliteSession>[3];
  };
  const client = (session as unknown as { client: WireClient }).client;
  session.transaction = ((
    work: (tx: PgliteTransaction<Schema, never>) => Promise<unknown>,
    config?: Parameters<Session["transaction"]>[1],
  ) =>
    client.transaction(async (txClient) => {
      const txSession = new PgliteSession(txClient as never, dialect, relational, options);
      const tx = new PgliteTransaction<Schema, never>(dialect, txSession, undefined);
      // savepoints (tx.transaction) make theirs from this, as Drizzle's would
      (tx as unknown as { schema: Relational }).schema = relational;
      if (relational)
        Object.assign(tx._, {
          schema: relational.schema,
          fullSchema: relational.fullSchema,
          tableNamesMap: relational.tableNamesMap,
        });
      let query: unknown;
      Object.defineProperty(tx, "query", {
        configurable: true,
        enumerable: true,
        get: () => {
          query ??= new PgDatabase(dialect, txSession, relational).query;
          return query;
        },
      });
      if (config) await tx.setTransaction(config);
      return work(tx);
    })) as Session["transaction"];
}

/** Runs raw SQL and returns its rows; both drivers answer `{ rows }`. Prefer the query builder. */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
