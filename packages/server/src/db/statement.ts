// Fixed SQL for the checkout's hot statements, sent straight to the driver. Drizzle builds a query's text
// from its tree on every call and maps each row through its column objects: per statement that cost
// more server CPU than the pg driver's own work (profile, bench/src/checkout-profile.ts). A hot statement
// is instead written once as text with numbered parameters — arrays (`$1::bigint[]` with unnest) where a
// count varies, so each text stays one prepared statement on PostgreSQL (db/named-statements.ts names it)
// — and its rows come back as the driver decodes them. Both engines decode alike: int8 as a safe number
// (client.ts), timestamptz as a Date, json/jsonb parsed; columns keep the names the SQL gives them.
// Use it where a profile says so; everywhere else the query builder reads better.
import { getTableColumns, getTableName, is, SQL, type Table } from "drizzle-orm";
import type { Executor } from "./client.ts";
import { commitsBehind } from "./pipelined-transaction.ts";

type Rows = Promise<{ rows: unknown[] }>;
/** pg's Pool or PoolClient (in a transaction) takes a config object: named-statements.ts names it. */
type PgClient = { query(config: { text: string; values: unknown[] }): Rows };
/** PGlite or its transaction: text and values apart (`exec` tells it from pg). */
type PgliteClient = { exec: unknown; query(text: string, values: unknown[]): Rows };

/**
 * Runs one fixed statement and returns its rows. `endsTransaction`: nothing runs after it in its
 * transaction, and it refuses by raising (SQL `refuse()`), so on PostgreSQL the COMMIT is sent right behind
 * it, one round trip fewer (pipelined-transaction.ts); elsewhere it is an ordinary statement.
 */
export async function runStatement<T>(
  ex: Executor,
  text: string,
  values: unknown[],
  options: { endsTransaction?: boolean } = {},
): Promise<T[]> {
  const client = (ex as unknown as { session: { client: PgClient | PgliteClient } }).session.client;
  if ("exec" in client) return (await client.query(text, values)).rows as T[];
  const inTransaction = options.endsTransaction && (ex as { nestedIndex?: number }).nestedIndex === 0;
  const result =
    inTransaction && commitsBehind(client)
      ? ((await client.queryThenCommit({ text, values })) as { rows: unknown[] })
      : await client.query({ text, values });
  return result.rows as T[];
}

/**
 * `alias."column" as "key"` for every column of a Drizzle table, so a fixed statement's rows have the same
 * keys and values as the query builder's `select()` of that table (computed once, at module load).
 * `prefix` (e.g. `snapshot.`) names the keys `snapshot.key`, for nest() to gather.
 */
export function columnsOf(table: Table, alias: string, prefix = ""): string {
  return Object.entries(getTableColumns(table))
    .map(([key, column]) => `${alias}."${column.name}" as "${prefix}${key}"`)
    .join(", ");
}

/**
 * Gathers the `prefix.key` columns of a row into an object under `prefix` (null when its `nullWhen` key is
 * null: the left join found nothing).
 */
export function nest<T>(row: Record<string, unknown>, prefix: string, nullWhen: string): T | null {
  if (row[`${prefix}.${nullWhen}`] === null) return null;
  const out: Record<string, unknown> = {};
  const start = prefix.length + 1;
  for (const key in row)
    if (key.startsWith(prefix) && key[prefix.length] === ".") out[key.slice(start)] = row[key];
  return out as T;
}

/** The row without its `prefix.key` columns. */
export function without<T>(row: Record<string, unknown>, prefix: string): T {
  const out: Record<string, unknown> = {};
  for (const key in row) if (!(key.startsWith(prefix) && key[prefix.length] === ".")) out[key] = row[key];
  return out as T;
}

type InsertShape = { text: string; keys: string[]; names: string[] };
const insertShapes = new Map<string, InsertShape>();

function insertShape(table: Table, keys: string[], tail: string): InsertShape {
  const cacheKey = `${getTableName(table)}|${keys.join(",")}|${tail}`;
  let shape = insertShapes.get(cacheKey);
  if (!shape) {
    const columns = getTableColumns(table);
    const defs = keys.map((k) => {
      const column = columns[k];
      if (!column) throw new Error(`${getTableName(table)} has no column ${k}`);
      return { name: column.name, type: column.getSQLType() };
    });
    const names = defs.map((d) => `"${d.name}"`).join(", ");
    const types = defs.map((d) => `"${d.name}" ${d.type}`).join(", ");
    shape = {
      text: `insert into "${getTableName(table)}" (${names}) select ${names} from jsonb_to_recordset($1::text::jsonb) as r(${types}) ${tail}`,
      keys,
      names: defs.map((d) => d.name),
    };
    insertShapes.set(cacheKey, shape);
  }
  return shape;
}

/**
 * Inserts rows as the query builder's insert().values(rows) would — a key left undefined takes the column's
 * default, JSON columns take the value itself — in one fixed statement per (table, keys, tail): the rows
 * travel as one JSON text. `tail` is what follows, e.g. `on conflict do nothing returning ${columnsOf(...)}`.
 * Rows that give different keys go as one statement per set of keys.
 */
export async function insertRows<T = never>(
  ex: Executor,
  table: Table,
  rows: Record<string, unknown>[],
  tail = "",
): Promise<T[]> {
  if (rows.length === 0) return [];
  const keysOf = (row: Record<string, unknown>) => Object.keys(row).filter((k) => row[k] !== undefined);
  const keys = keysOf(rows[0]!);
  const same = rows.every((row) => {
    const own = keysOf(row);
    return own.length === keys.length && own.every((k, i) => k === keys[i]);
  });
  if (!same) {
    const groups = new Map<string, Record<string, unknown>[]>();
    for (const row of rows) {
      const k = keysOf(row).join(",");
      groups.set(k, [...(groups.get(k) ?? []), row]);
    }
    const out: T[] = [];
    for (const group of groups.values()) out.push(...(await insertRows<T>(ex, table, group, tail)));
    return out;
  }
  const shape = insertShape(table, keys, tail);
  const records = rows.map((row) => {
    const record: Record<string, unknown> = {};
    shape.keys.forEach((k, i) => {
      const value = row[k];
      record[shape.names[i]!] = value instanceof Date ? value.toISOString() : value;
    });
    return record;
  });
  return runStatement<T>(ex, shape.text, [JSON.stringify(records)]);
}

const updateShapes = new Map<string, { text: string; names: string[] }>();

/**
 * `update "table" set … from jsonb_to_record($1) … where ${where} ${tail}` for the keys of `values`, as the
 * query builder's update().set(values) would write them; `where` and `tail` number their parameters from
 * $2. Returns null when a value is an SQL expression (the caller then uses the query builder).
 */
export function updateStatement(
  table: Table,
  values: Record<string, unknown>,
  where: string,
  tail: string,
): { text: string; param: string } | null {
  const keys = Object.keys(values).filter((k) => values[k] !== undefined);
  for (const k of keys) if (is(values[k], SQL)) return null;
  const cacheKey = `${getTableName(table)}|${keys.join(",")}|${where}|${tail}`;
  let shape = updateShapes.get(cacheKey);
  if (!shape) {
    const columns = getTableColumns(table);
    const defs = keys.map((k) => {
      const column = columns[k];
      if (!column) throw new Error(`${getTableName(table)} has no column ${k}`);
      return { name: column.name, type: column.getSQLType() };
    });
    const name = getTableName(table);
    shape = {
      text: `update "${name}" set ${defs.map((d) => `"${d.name}" = r."${d.name}"`).join(", ")} from jsonb_to_record($1::text::jsonb) as r(${defs.map((d) => `"${d.name}" ${d.type}`).join(", ")}) where ${where} ${tail}`,
      names: defs.map((d) => d.name),
    };
    updateShapes.set(cacheKey, shape);
  }
  const record: Record<string, unknown> = {};
  keys.forEach((k, i) => {
    const value = values[k];
    record[shape.names[i]!] = value instanceof Date ? value.toISOString() : value;
  });
  return { text: shape.text, param: JSON.stringify(record) };
}
