// PostgreSQL parses and plans an unnamed statement every time it runs; a checkout sends ~40, and that work was
// half of the database's CPU per order (pgbench: 11–13 ms per checkout with unnamed statements, 5–6 ms
// prepared). So every parameterised statement a pooled connection sends is named after its text: the
// first run on a connection prepares it, later runs only bind and execute (PostgreSQL switches to a
// generic plan when it is no worse). Statements without parameters (BEGIN, COMMIT, migrations) keep the
// simple protocol. Nothing else changes: same text, same values, same results.
import { createHash } from "node:crypto";
import type pg from "pg";

/**
 * At most this many statements stay prepared per connection (each holds a plan in the backend's memory);
 * past it, new texts run unnamed as before. The app's fixed statements are far fewer; texts that vary
 * with a list's length (multi-row inserts, IN lists) are what could grow it.
 */
export const NAMED_PER_CONNECTION = 256;

/** Name by text, remembered for the texts seen most (hashing a long text costs more than the lookup). */
const namesByText = new Map<string, string>();
const NAMES_REMEMBERED = 4096;

function nameOf(text: string): string {
  let name = namesByText.get(text);
  if (name === undefined) {
    name = `lb_${createHash("sha1").update(text).digest("base64url")}`;
    if (namesByText.size < NAMES_REMEMBERED) namesByText.set(text, name);
  }
  return name;
}

type QueryConfigLike = { text?: unknown; name?: unknown; values?: unknown };

/** Makes `client` name its parameterised statements (called once per new pooled connection). */
export function nameStatementsOf(client: pg.PoolClient): void {
  const prepared = new Set<string>();
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (config: unknown, ...rest) => {
    if (config !== null && typeof config === "object" && !("submit" in config)) {
      const c = config as QueryConfigLike;
      const values = Array.isArray(rest[0]) ? rest[0] : c.values;
      if (typeof c.text === "string" && c.name === undefined && Array.isArray(values) && values.length > 0) {
        const name = nameOf(c.text);
        if (prepared.has(name) || prepared.size < NAMED_PER_CONNECTION) {
          prepared.add(name);
          return query({ ...c, name }, ...rest);
        }
      }
    }
    return query(config, ...rest);
  };
}
