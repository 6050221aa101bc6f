// The embedded engine's statements, sent the short way. PGlite's own query() enters the WASM six times per
// statement (parse, describe, bind, describe, execute, sync — each a call into PostgreSQL's loop and a run
// of its JS protocol parser) and has PostgreSQL parse and plan the text every time: profiled under the
// checkout load, PGlite's JS was 28% of the server's CPU and the WASM 43%. Here each parameterised text is
// prepared once per PGlite instance as a named statement (its parameter and column types remembered), and
// every later run is one call into the WASM — Bind, Execute, Sync in one message — whose answer is read
// straight from the bytes. Same text, same values, same results as PGlite's query(): parameters serialised
// and columns parsed by the instance's own serializers and parsers (a query's `parsers` option first), rows
// as objects or arrays (`rowMode`), errors carrying the database's code, constraint and detail.
// Transactions take PGlite's two locks for their whole length, as its own transaction() does, so a
// statement never runs inside another request's transaction.
import type { PGlite } from "@electric-sql/pglite";

type Parser = (value: string, typeId: number) => unknown;
type Serializer = (value: unknown) => string;
export type QueryOptions = { rowMode?: "array" | "object"; parsers?: Record<number, Parser> };
type Field = { name: string; dataTypeID: number };
export type Results = { rows: unknown[]; fields: Field[]; affectedRows: number; command?: string };

/** What PGlite has at run time beyond its typed surface (public in its JS, used as its own methods do). */
type PgliteInside = {
  parsers: Record<number, Parser>;
  serializers: Record<number, Serializer>;
  execProtocolRawStream(
    message: Uint8Array,
    options: { syncToFs: boolean; onRawData: (bytes: Uint8Array) => void },
  ): Promise<void>;
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
};

type Prepared = { name: string; paramTypes: number[]; fields: Field[] };

/** The session a Drizzle PgliteSession drives: the instance's or one transaction's. */
export type WireClient = {
  query(text: string, params?: unknown[], options?: QueryOptions): Promise<Results>;
  exec(text: string): Promise<Results[]>;
  transaction<T>(work: (tx: WireClient) => Promise<T>): Promise<T>;
  rollback(): Promise<void>;
  readonly closed: boolean;
};

/**
 * At most this many statements stay prepared per instance (each keeps its plan in PostgreSQL's memory); the
 * least recently used is closed past it. The app's fixed texts are far fewer; texts that vary with a list's
 * length are what could grow it.
 */
export const PREPARED_PER_INSTANCE = 512;

/** A database refusal with the fields pg-protocol's DatabaseError has (db/errors.ts reads them). */
export class PgliteDatabaseError extends Error {
  severity?: string;
  code?: string;
  detail?: string;
  hint?: string;
  position?: string;
  where?: string;
  schema?: string;
  table?: string;
  column?: string;
  dataType?: string;
  constraint?: string;
  file?: string;
  line?: string;
  routine?: string;
  query?: string;
  params?: unknown[];
}

const ERROR_FIELDS: Record<string, keyof PgliteDatabaseError> = {
  S: "severity",
  C: "code",
  D: "detail",
  H: "hint",
  P: "position",
  W: "where",
  s: "schema",
  t: "table",
  c: "column",
  d: "dataType",
  n: "constraint",
  F: "file",
  L: "line",
  R: "routine",
};

/** Frontend messages, written into one growing buffer and sent as one. */
class Writer {
  private buf = Buffer.allocUnsafe(4096);
  private at = 0;

  private room(n: number) {
    if (this.at + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }
  private begin(type: string): number {
    this.room(5);
    this.buf[this.at] = type.charCodeAt(0);
    const start = this.at + 1;
    this.at += 5;
    return start;
  }
  private end(start: number) {
    this.buf.writeInt32BE(this.at - start, start);
  }
  private cstr(s: string) {
    const n = Buffer.byteLength(s);
    this.room(n + 1);
    this.buf.write(s, this.at, "utf8");
    this.at += n;
    this.buf[this.at++] = 0;
  }
  private int16(n: number) {
    this.room(2);
    this.buf.writeInt16BE(n, this.at);
    this.at += 2;
  }
  private int32(n: number) {
    this.room(4);
    this.buf.writeInt32BE(n, this.at);
    this.at += 4;
  }

  parse(name: string, text: string) {
    const s = this.begin("P");
    this.cstr(name);
    this.cstr(text);
    this.int16(0);
    this.end(s);
  }
  describeStatement(name: string) {
    const s = this.begin("D");
    this.room(1);
    this.buf[this.at++] = 0x53; // 'S'
    this.cstr(name);
    this.end(s);
  }
  describePortal() {
    const s = this.begin("D");
    this.room(2);
    this.buf[this.at++] = 0x50; // 'P'
    this.buf[this.at++] = 0;
    this.end(s);
  }
  closeStatement(name: string) {
    const s = this.begin("C");
    this.room(1);
    this.buf[this.at++] = 0x53;
    this.cstr(name);
    this.end(s);
  }
  /** Text values (null as SQL NULL), text results. */
  bind(statement: string, values: (string | null)[]) {
    const s = this.begin("B");
    this.room(1);
    this.buf[this.at++] = 0; // unnamed portal
    this.cstr(statement);
    this.int16(0);
    this.int16(values.length);
    for (const v of values) {
      if (v === null) {
        this.int32(-1);
        continue;
      }
      const n = Buffer.byteLength(v);
      this.int32(n);
      this.room(n);
      this.buf.write(v, this.at, "utf8");
      this.at += n;
    }
    this.int16(0);
    this.end(s);
  }
  execute() {
    const s = this.begin("E");
    this.room(5);
    this.buf[this.at++] = 0;
    this.buf.writeInt32BE(0, this.at);
    this.at += 4;
    this.end(s);
  }
  query(text: string) {
    const s = this.begin("Q");
    this.cstr(text);
    this.end(s);
  }
  sync() {
    const s = this.begin("S");
    this.end(s);
  }
  /** The messages written since the last take (a view: sent before anything is written again). */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.at);
    this.at = 0;
    return out;
  }
}

/** What one exchange answered: per statement its columns, rows (text, null as null) and command tag. */
type Answer = {
  paramTypes: number[] | null;
  fields: Field[] | null;
  sets: { fields: Field[] | null; rows: (string | null)[][]; tag: string }[];
  error: PgliteDatabaseError | null;
  status: string;
};

function readAnswer(buf: Buffer, length: number): Answer {
  const answer: Answer = { paramTypes: null, fields: null, sets: [], error: null, status: "I" };
  let rows: (string | null)[][] = [];
  let fields: Field[] | null = null;
  let at = 0;
  while (at + 5 <= length) {
    const type = buf[at]!;
    const size = buf.readInt32BE(at + 1);
    const body = at + 5;
    const next = at + 1 + size;
    switch (type) {
      case 0x44: {
        // D DataRow
        const n = buf.readInt16BE(body);
        const row: (string | null)[] = new Array(n);
        let p = body + 2;
        for (let i = 0; i < n; i++) {
          const len = buf.readInt32BE(p);
          p += 4;
          if (len < 0) row[i] = null;
          else {
            row[i] = buf.toString("utf8", p, p + len);
            p += len;
          }
        }
        rows.push(row);
        break;
      }
      case 0x54: {
        // T RowDescription
        const n = buf.readInt16BE(body);
        fields = [];
        let p = body + 2;
        for (let i = 0; i < n; i++) {
          const z = buf.indexOf(0, p);
          const name = buf.toString("utf8", p, z);
          p = z + 1;
          const dataTypeID = buf.readInt32BE(p + 6);
          p += 18;
          fields.push({ name, dataTypeID });
        }
        answer.fields = fields;
        break;
      }
      case 0x74: {
        // t ParameterDescription
        const n = buf.readInt16BE(body);
        const types: number[] = [];
        for (let i = 0; i < n; i++) types.push(buf.readInt32BE(body + 2 + 4 * i));
        answer.paramTypes = types;
        break;
      }
      case 0x43: // C CommandComplete
        answer.sets.push({ fields, rows, tag: buf.toString("utf8", body, next - 1) });
        rows = [];
        break;
      case 0x45: {
        // E ErrorResponse: the first one is the one that counts
        if (answer.error) break;
        const error = new PgliteDatabaseError("");
        const out = error as unknown as Record<string, string>;
        let p = body;
        while (p < next && buf[p] !== 0) {
          const code = String.fromCharCode(buf[p]!);
          const z = buf.indexOf(0, p + 1);
          const value = buf.toString("utf8", p + 1, z);
          if (code === "M") error.message = value;
          else {
            const key = ERROR_FIELDS[code];
            if (key) out[key] = value;
          }
          p = z + 1;
        }
        answer.error = error;
        break;
      }
      case 0x5a: // Z ReadyForQuery
        answer.status = String.fromCharCode(buf[body]!);
        break;
      case 0x6e: // n NoData
        fields = null;
        break;
      default:
      // 1 ParseComplete, 2 BindComplete, 3 CloseComplete, I EmptyQuery, N Notice, S ParameterStatus, A Notification
    }
    at = next;
  }
  return answer;
}

function toResults(
  set: { fields: Field[] | null; rows: (string | null)[][]; tag: string } | undefined,
  fields: Field[] | null,
  parsers: Record<number, Parser>,
  options: QueryOptions | undefined,
): Results {
  const cols = fields ?? [];
  if (!set) return { rows: [], fields: cols, affectedRows: 0 };
  const own = options?.parsers;
  const parse: (Parser | undefined)[] = cols.map((f) => own?.[f.dataTypeID] ?? parsers[f.dataTypeID]);
  const arrays = options?.rowMode === "array";
  const rows: unknown[] = new Array(set.rows.length);
  for (let r = 0; r < set.rows.length; r++) {
    const raw = set.rows[r]!;
    if (arrays) {
      const row: unknown[] = new Array(raw.length);
      for (let i = 0; i < raw.length; i++) {
        const v = raw[i]!;
        const p = parse[i];
        row[i] = v === null || !p ? v : p(v, cols[i]!.dataTypeID);
      }
      rows[r] = row;
    } else {
      const row: Record<string, unknown> = {};
      for (let i = 0; i < raw.length; i++) {
        const v = raw[i]!;
        const p = parse[i];
        row[cols[i]!.name] = v === null || !p ? v : p(v, cols[i]!.dataTypeID);
      }
      rows[r] = row;
    }
  }
  const parts = set.tag.split(" ");
  const command = parts[0];
  const count = Number.parseInt(parts[parts.length - 1]!, 10);
  const affectedRows =
    command === "INSERT" || command === "UPDATE" || command === "DELETE" || command === "MERGE" ? count : 0;
  return { rows, fields: cols, affectedRows, ...(command ? { command } : {}) };
}

/** One per PGlite instance: its prepared statements live in that instance's backend. */
class Wire {
  private readonly inside: PgliteInside;
  private readonly writer = new Writer();
  private answerBuf = Buffer.allocUnsafe(64 * 1024);
  private answerLength = 0;
  private readonly prepared = new Map<string, Prepared>();
  private nextName = 0;
  private readonly onRawData = (bytes: Uint8Array) => {
    const need = this.answerLength + bytes.length;
    if (need > this.answerBuf.length) {
      const next = Buffer.allocUnsafe(Math.max(need, this.answerBuf.length * 2));
      this.answerBuf.copy(next, 0, 0, this.answerLength);
      this.answerBuf = next;
    }
    this.answerBuf.set(bytes, this.answerLength);
    this.answerLength = need;
  };

  constructor(readonly pglite: PGlite) {
    this.inside = pglite as unknown as PgliteInside;
  }

  private async send(message: Uint8Array): Promise<Answer> {
    this.answerLength = 0;
    await this.inside.execProtocolRawStream(message, { syncToFs: false, onRawData: this.onRawData });
    const answer = readAnswer(this.answerBuf, this.answerLength);
    if (this.answerBuf.length > 1 << 20) this.answerBuf = Buffer.allocUnsafe(64 * 1024);
    return answer;
  }

  private fail(error: PgliteDatabaseError, text: string, params: unknown[] | undefined): never {
    error.query = text;
    if (params) error.params = params;
    throw error;
  }

  private async prepare(text: string, params: unknown[] | undefined): Promise<Prepared> {
    const name = `lb${this.nextName++}`;
    const w = this.writer;
    if (this.prepared.size >= PREPARED_PER_INSTANCE) {
      const [oldest, old] = this.prepared.entries().next().value as [string, Prepared];
      this.prepared.delete(oldest);
      this.toClose.push(old.name);
    }
    for (const gone of this.toClose.splice(0)) w.closeStatement(gone);
    w.parse(name, text);
    w.describeStatement(name);
    w.sync();
    const answer = await this.send(w.take());
    if (answer.error) this.fail(answer.error, text, params);
    const statement = { name, paramTypes: answer.paramTypes ?? [], fields: answer.fields ?? [] };
    this.prepared.set(text, statement);
    return statement;
  }

  /** Runs one statement; the caller holds PGlite's locks. */
  async run(
    text: string,
    params: unknown[] | undefined,
    options: QueryOptions | undefined,
  ): Promise<Results> {
    const w = this.writer;
    let statement = this.prepared.get(text);
    if (!statement && (!params || params.length === 0) && !this.seenOnce(text)) {
      // nothing to type: parse, bind and run unnamed in one exchange; a text without parameters is prepared
      // only when it comes again (many embed their values and never do)
      w.parse("", text);
      w.bind("", []);
      w.describePortal();
      w.execute();
      w.sync();
      const answer = await this.send(w.take());
      if (answer.error) this.fail(answer.error, text, params);
      return toResults(answer.sets[0], answer.fields, this.inside.parsers, options);
    }
    if (statement) {
      // most recently used last: the map's first entry is the one to close
      this.prepared.delete(text);
      this.prepared.set(text, statement);
    } else statement = await this.prepare(text, params);
    const count = params?.length ?? 0;
    const values: (string | null)[] = new Array(count);
    const serializers = this.inside.serializers;
    for (let i = 0; i < count; i++) {
      const v = params![i];
      if (v === null || v === undefined) values[i] = null;
      else {
        const serialize = serializers[statement.paramTypes[i]!];
        values[i] = serialize ? serialize(v) : String(v);
      }
    }
    w.bind(statement.name, values);
    w.execute();
    w.sync();
    const answer = await this.send(w.take());
    if (answer.error) {
      // a table changed under a prepared statement: prepare it again next time
      if (answer.error.code === "0A000") this.forget(text);
      this.fail(answer.error, text, params);
    }
    return toResults(answer.sets[0], statement.fields, this.inside.parsers, options);
  }

  /** Parameterless texts run once so far (forgotten in bulk past a bound). */
  private readonly once = new Set<string>();

  private seenOnce(text: string): boolean {
    if (this.once.has(text)) return true;
    if (this.once.size >= 4096) this.once.clear();
    this.once.add(text);
    return false;
  }

  /** Closed with the next statement prepared. */
  private readonly toClose: string[] = [];

  private forget(text: string) {
    const statement = this.prepared.get(text);
    if (!statement) return;
    this.prepared.delete(text);
    this.toClose.push(statement.name);
  }

  /** Simple-protocol text (may hold several statements), e.g. BEGIN, COMMIT, or a migration. */
  async simple(text: string): Promise<Results[]> {
    this.writer.query(text);
    const answer = await this.send(this.writer.take());
    if (answer.error) this.fail(answer.error, text, undefined);
    const sets = answer.sets.map((set) => toResults(set, set.fields, this.inside.parsers, undefined));
    return sets.length ? sets : [{ rows: [], fields: [], affectedRows: 0 }];
  }

  /**
   * Both of PGlite's locks: nothing else reaches the backend meanwhile. The WASM answers synchronously, so the
   * requests queued for the locks run one after another in a single chain of microtasks, which Node drains
   * after each accepted connection and each socket read: under 64 shoppers a new connection waited a whole
   * chain (~150 ms) per connection accepted before it, and new shoppers' first orders took up to 9 s. Work
   * that would lengthen a chain past CHAIN_MS waits for the event loop's next turn instead.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.inside._runExclusiveTransaction(() =>
      this.inside._runExclusiveQuery(async () => {
        if (loopOverdue()) await nextTurn();
        return fn();
      }),
    );
  }
}

/**
 * How long statements may run back to back before I/O (new connections, requests) gets a turn. 64 shoppers,
 * 56 of them on new connections, 15 s: at most 15 ms, ~1,650-1,770 checkouts and p99 1.4-1.6 s; a turn
 * before every statement, 1,139 and 1.2 s; 5 ms, 1,435-1,545 and 1.0-1.2 s; 30 ms, p99 ~2 s; unbounded
 * (before), 1,255-1,816 and 2.9-6.4 s.
 */
const CHAIN_MS = 15;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** When a turn of the event loop was last asked for and has not come yet (null: it came). */
let turnAskedAt: number | null = null;

/** True when the event loop has not turned for CHAIN_MS; otherwise asks to be told when it next turns. */
function loopOverdue(): boolean {
  const now = performance.now();
  if (turnAskedAt === null) {
    turnAskedAt = now;
    setImmediate(() => {
      turnAskedAt = null;
    });
    return false;
  }
  return now - turnAskedAt > CHAIN_MS;
}

const wires = new WeakMap<PGlite, Wire>();

function wireOf(pglite: PGlite): Wire {
  let wire = wires.get(pglite);
  if (!wire) {
    wire = new Wire(pglite);
    wires.set(pglite, wire);
  }
  return wire;
}

function transactionClient(
  wire: Wire,
): WireClient & { finish(text: "COMMIT" | "ROLLBACK"): Promise<Results[]> } {
  let closed = false;
  const open = () => {
    if (closed) throw new Error("Transaction is closed");
  };
  // The transaction holds PGlite's locks, but its own statements may be started together (Promise.all on a
  // transaction): they share the wire's writer and answer buffer, so each waits for the one before to answer.
  let last: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const turn = last.then(() => {
      open();
      return work();
    });
    last = turn.catch(() => undefined);
    return turn;
  };
  /** Ends the transaction after the statement in flight, if any; statements still waiting are refused. */
  const finish = (text: "COMMIT" | "ROLLBACK") => {
    closed = true;
    const end = last.then(() => wire.simple(text));
    last = end.catch(() => undefined);
    return end;
  };
  return {
    query: (text, params, options) => inTurn(() => wire.run(text, params, options)),
    exec: (text) => inTurn(() => wire.simple(text)),
    transaction: () => Promise.reject(new Error("a transaction does not start another; use a savepoint")),
    rollback: async () => {
      open();
      await finish("ROLLBACK");
    },
    get closed() {
      return closed;
    },
    finish,
  };
}

/** The client Drizzle's pglite driver is given for this instance: its statements go the short way. */
export function wireClient(pglite: PGlite): WireClient {
  const wire = wireOf(pglite);
  return {
    query: (text, params, options) => wire.exclusive(() => wire.run(text, params, options)),
    exec: (text) => wire.exclusive(() => wire.simple(text)),
    transaction: (work) =>
      wire.exclusive(async () => {
        await wire.simple("BEGIN");
        const tx = transactionClient(wire);
        try {
          const result = await work(tx);
          if (!tx.closed) {
            const [done] = await tx.finish("COMMIT");
            // COMMIT of a transaction an error aborted answers ROLLBACK
            if (done?.command === "ROLLBACK") {
              const error = new PgliteDatabaseError("Transaction was aborted and rolled back");
              error.code = "25P02";
              error.severity = "ERROR";
              throw error;
            }
          }
          return result;
        } catch (error) {
          if (!tx.closed) await tx.finish("ROLLBACK");
          throw error;
        }
      }),
    rollback: () => Promise.reject(new Error("not in a transaction")),
    closed: false,
  };
}
