// Live delivery of conversation events to open pages in every API process. On PostgreSQL an event is a
// NOTIFY on one channel that each process LISTENs to on its own connection, so a reply written by one
// worker reaches a shopper whose page is held open by another (WORKERS > 1). PGlite is one process: an
// in-process emitter is the whole story there.
import { EventEmitter } from "node:events";
import pg from "pg";
import type { Database } from "../../db/client.ts";

/** What an open page hears: a conversation changed (new message, claimed, read, closed). */
export type LiveEvent = {
  conversationId: number;
  userId: number;
  /** Set when a message was added; the page appends it. */
  message?: Record<string, unknown>;
  /** The conversation's state after the change, for queue lists and unread badges. */
  conversation: Record<string, unknown>;
};

export type LiveBus = {
  publish(event: LiveEvent): Promise<void>;
  subscribe(listener: (event: LiveEvent) => void): () => void;
  /** Resolves once this process hears published events (on PostgreSQL: its LISTEN is in place). */
  ready(): Promise<void>;
  close(): Promise<void>;
};

const CHANNEL = "liebian_service";

function localBus(): LiveBus {
  const emitter = new EventEmitter();
  // one listener per open page: hundreds are normal, not a leak
  emitter.setMaxListeners(0);
  return {
    async publish(event) {
      emitter.emit("event", event);
    },
    subscribe(listener) {
      emitter.on("event", listener);
      return () => emitter.off("event", listener);
    },
    async ready() {},
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/** The pool behind Drizzle's node-postgres driver: its settings open the listening connection. */
function poolOf(database: Database): pg.Pool {
  return (database.db as unknown as { $client: pg.Pool }).$client;
}

function postgresBus(database: Database): LiveBus {
  const local = localBus();
  const pool = poolOf(database);
  let client: pg.Client | null = null;
  let closed = false;
  let connecting: Promise<void> | null = null;

  const connect = async () => {
    const next = new pg.Client(pool.options);
    next.on("notification", (note) => {
      if (note.channel !== CHANNEL || !note.payload) return;
      try {
        void local.publish(JSON.parse(note.payload) as LiveEvent);
      } catch {
        // a payload we did not write: nothing to deliver
      }
    });
    next.on("error", () => {
      // The listening connection dropped (database restart): open a new one; pages fall back to polling meanwhile.
      client = null;
      if (!closed) setTimeout(() => void ensure().catch(() => undefined), 1000).unref();
    });
    await next.connect();
    await next.query(`LISTEN ${CHANNEL}`);
    if (closed) await next.end();
    else client = next;
  };
  const ensure = () => {
    if (client || closed) return Promise.resolve();
    connecting ??= connect().finally(() => {
      connecting = null;
    });
    return connecting;
  };

  return {
    async publish(event) {
      // NOTIFY from the pool (not the listener): the database hands it to every listening process, this one too.
      await pool.query("select pg_notify($1, $2)", [CHANNEL, JSON.stringify(event)]);
    },
    subscribe(listener) {
      void ensure().catch(() => undefined);
      return local.subscribe(listener);
    },
    async close() {
      closed = true;
      await connecting?.catch(() => undefined);
      await client?.end().catch(() => undefined);
      client = null;
      await local.close();
    },
    ready: ensure,
  };
}

const buses = new WeakMap<Database, LiveBus>();

/** The bus of a database, made on first use and shared by every route of this process. */
export function liveBusOf(database: Database): LiveBus {
  let bus = buses.get(database);
  if (!bus) {
    bus = database.engine === "postgres" ? postgresBus(database) : localBus();
    buses.set(database, bus);
  }
  return bus;
}

/** Closes and forgets the bus (the app's onClose hook). */
export async function closeLiveBus(database: Database): Promise<void> {
  const bus = buses.get(database);
  buses.delete(database);
  await bus?.close();
}
