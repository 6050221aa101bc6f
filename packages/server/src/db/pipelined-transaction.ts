// A transaction's BEGIN travels with its first statement, and its COMMIT, when the use case says which
// statement is its last, with that one. Each statement is a round trip and a socket write that wakes the
// database's backend, and on this machine those writes were the largest single item of the server's CPU
// profile (writev ~37% of self time at 32 shoppers). The pool's connections run in pipeline mode, so a
// message can be written before the one ahead of it is answered.
//
// BEGIN is written into a held-back (corked) socket and answered at once; the transaction's next statement
// is written behind it and the two leave in one write. BEGIN cannot fail on a healthy connection; on a
// broken one the statement behind it fails too.
//
// COMMIT behind the last statement (`queryThenCommit`): both leave in one write. If the statement fails,
// PostgreSQL has aborted the transaction, and the COMMIT behind it ends it as a ROLLBACK: nothing is written,
// and the caller sees the statement's error. So a last statement must say every refusal itself, by raising
// (`app_refuse()` in SQL, migration 0046), never by rows the caller would read and then throw on; and nothing
// may run after it. The COMMIT Drizzle sends when the work returns is answered by the one already sent
// (a failed COMMIT, e.g. a serialization failure, fails the transaction as before); its ROLLBACK after a
// failure is answered by the same, as the transaction is already over.
import type pg from "pg";

type Stream = { cork(): void; uncork(): void };
type Query = (...args: unknown[]) => Promise<unknown>;
type Queryable = { query: Query; connection: { stream: Stream } };

const BEGIN_ANSWER = { command: "BEGIN", rowCount: null, oid: null, rows: [], fields: [] };
const ROLLBACK_ANSWER = { command: "ROLLBACK", rowCount: null, oid: null, rows: [], fields: [] };

/** A pooled connection that can send its transaction's COMMIT behind a statement. */
export type CommitsBehind = {
  queryThenCommit(config: { text: string; values: unknown[] }): Promise<unknown>;
};

export function commitsBehind(client: unknown): client is CommitsBehind {
  return typeof (client as Partial<CommitsBehind>).queryThenCommit === "function";
}

function textOf(config: unknown): string | null {
  const text = typeof config === "string" ? config : (config as { text?: unknown } | null)?.text;
  return typeof text === "string" ? text : null;
}

/** Makes `client` (a pooled connection in pipeline mode) send BEGIN and COMMIT together with statements. */
export function pipelineTransactionsOf(client: pg.PoolClient): void {
  const c = client as unknown as Queryable;
  const query = c.query.bind(client) as Query;
  let held = false;
  /** The COMMIT already sent behind a transaction's last statement, until the transaction ends. */
  let committed: Promise<unknown> | null = null;
  const release = () => {
    if (!held) return;
    held = false;
    c.connection.stream.uncork();
  };
  c.query = (config: unknown, ...rest: unknown[]) => {
    const text = textOf(config);
    const values = rest[0];
    const noValues = values === undefined || (Array.isArray(values) && values.length === 0);
    const plain = text !== null && noValues && typeof rest[1] !== "function";
    if (committed) {
      const sent = committed;
      committed = null;
      if (plain && /^commit\b/i.test(text)) return sent;
      if (plain && /^rollback\b/i.test(text))
        return sent.then(
          (answer) => {
            // the work failed after its last statement: what it wrote is committed (a caller's bug)
            if ((answer as { command?: string }).command === "COMMIT")
              process.emitWarning("a transaction failed after its last statement had committed it");
            return ROLLBACK_ANSWER;
          },
          () => ROLLBACK_ANSWER,
        );
      return Promise.reject(new Error("a statement was sent after its transaction's last statement"));
    }
    if (plain && /^begin\b/i.test(text) && !held) {
      c.connection.stream.cork();
      held = true;
      // nothing follows at once (work between BEGIN and the first statement): send it on its own
      setImmediate(release);
      query(config, ...rest).catch(() => {
        // a connection that broke fails the statement behind it, which its caller sees
      });
      return Promise.resolve(BEGIN_ANSWER);
    }
    const sent = query(config, ...rest);
    release();
    return sent;
  };
  (client as unknown as CommitsBehind).queryThenCommit = (config) => {
    // held already when this is also the transaction's first statement (BEGIN is waiting in the socket)
    if (!held) {
      c.connection.stream.cork();
      held = true;
    }
    const sent = query(config);
    committed = query("COMMIT");
    committed.catch(() => {
      // answered to Drizzle's COMMIT, which reports it
    });
    release();
    return sent;
  };
}
