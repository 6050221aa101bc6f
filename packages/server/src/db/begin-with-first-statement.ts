// A transaction's BEGIN travels with its first statement. Each statement is a round trip and a socket write
// that wakes the database's backend, and on this machine those writes were the largest single item of the
// server's CPU profile (writev ~37% of self time at 32 shoppers); BEGIN alone is one of the ~18 a checkout
// made. The pool's connections run in pipeline mode, so BEGIN is written into a held-back (corked) socket
// and answered at once; the transaction's next statement is written behind it and the two leave in one
// write. BEGIN cannot fail on a healthy connection; on a broken one the statement behind it fails too.
import type pg from "pg";

type Stream = { cork(): void; uncork(): void };
type Queryable = { query: (...args: unknown[]) => unknown; connection: { stream: Stream } };

const BEGIN_ANSWER = { command: "BEGIN", rowCount: null, oid: null, rows: [], fields: [] };

function isBegin(config: unknown): boolean {
  const text = typeof config === "string" ? config : (config as { text?: unknown } | null)?.text;
  return typeof text === "string" && /^begin\b/i.test(text);
}

/** Makes `client` (a pooled connection in pipeline mode) send BEGIN together with what follows it. */
export function beginWithFirstStatementOf(client: pg.PoolClient): void {
  const c = client as unknown as Queryable;
  const query = c.query.bind(client);
  let held = false;
  const release = () => {
    if (!held) return;
    held = false;
    c.connection.stream.uncork();
  };
  c.query = (config: unknown, ...rest: unknown[]) => {
    const values = rest[0];
    const noValues = values === undefined || (Array.isArray(values) && values.length === 0);
    if (isBegin(config) && !held && noValues && typeof rest[1] !== "function") {
      c.connection.stream.cork();
      held = true;
      // nothing follows at once (work between BEGIN and the first statement): send it on its own
      setImmediate(release);
      const sent = query(config, ...rest) as Promise<unknown>;
      sent.catch(() => {
        // a connection that broke fails the statement behind it, which its caller sees
      });
      return Promise.resolve(BEGIN_ANSWER);
    }
    const sent = query(config, ...rest);
    release();
    return sent;
  };
}
