// Live delivery of conversation events to open pages in every API process. On PostgreSQL an event is a
// NOTIFY on one channel that each process LISTENs to on its own connection, so a reply written by one
// worker reaches a shopper whose page is held open by another (WORKERS > 1). PGlite is one process: the
// in-process router (open pages by conversation) is the whole story there.
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

/**
 * Hears an event and its JSON: serialized once by the publisher, parsed once per process, and written as is
 * to every page that hears it.
 */
export type LiveListener = (event: LiveEvent, json: string) => void;

/** A page hears one conversation; the desk hears them all. */
export type LiveTopic = number | "all";

export type LiveBus = {
  /** Sends the events of one committed change, in order. */
  publish(events: LiveEvent[]): Promise<void>;
  subscribe(topic: LiveTopic, listener: LiveListener): () => void;
  /** Resolves once this process hears published events (on PostgreSQL: its LISTEN is in place). */
  ready(): Promise<void>;
  close(): Promise<void>;
};

const CHANNEL = "liebian_service";

/**
 * This process's open pages by conversation. An event nobody here listens to costs a map look-up (with
 * 1,000 pages open, every event used to wake every page's listener); one somebody hears is parsed once.
 */
function localRouter() {
  const pages = new Map<number, Set<LiveListener>>();
  const desks = new Set<LiveListener>();
  const tell = (listener: LiveListener, event: LiveEvent, json: string) => {
    try {
      listener(event, json);
    } catch {
      // one broken page does not keep the event from the others
    }
  };
  return {
    deliver(conversationId: number, json: string) {
      const heard = pages.get(conversationId);
      if (!heard && desks.size === 0) return;
      const event = JSON.parse(json) as LiveEvent;
      for (const listener of heard ?? []) tell(listener, event, json);
      for (const listener of desks) tell(listener, event, json);
    },
    subscribe(topic: LiveTopic, listener: LiveListener) {
      if (topic === "all") {
        desks.add(listener);
        return () => void desks.delete(listener);
      }
      const heard = pages.get(topic) ?? new Set<LiveListener>();
      pages.set(topic, heard);
      heard.add(listener);
      return () => {
        heard.delete(listener);
        if (heard.size === 0 && pages.get(topic) === heard) pages.delete(topic);
      };
    },
    clear() {
      pages.clear();
      desks.clear();
    },
  };
}

function localBus(): LiveBus {
  const router = localRouter();
  return {
    async publish(events) {
      // through JSON as on PostgreSQL, so a page hears the same thing on either engine (dates as text)
      for (const event of events) router.deliver(event.conversationId, JSON.stringify(event));
    },
    subscribe: router.subscribe,
    async ready() {},
    async close() {
      router.clear();
    },
  };
}

/** The NOTIFY payload: `conversationId:json`, so a listener finds the pages before parsing anything. */
const payloadOf = (event: LiveEvent) => `${event.conversationId}:${JSON.stringify(event)}`;

/** The pool behind Drizzle's node-postgres driver: its settings open the listening connection. */
function poolOf(database: Database): pg.Pool {
  return (database.db as unknown as { $client: pg.Pool }).$client;
}

/**
 * One statement sends a batch, in order. Its transaction commits without waiting for the disk: a NOTIFY
 * has nothing to keep, and PostgreSQL serializes the commits of notifying transactions (a global lock held
 * through the commit), so a flush each (1–3.5 ms here) capped delivery near 400 messages a second.
 */
const NOTIFY = `select set_config('synchronous_commit', 'off', true), pg_notify($1, p) from unnest($2::text[]) as p`;

/**
 * Sends payloads with at most one NOTIFY statement in flight per process: what is published meanwhile goes
 * together in the next one. Idle, a publish is sent at once; under load, one statement carries many.
 */
function batchedNotify(pool: pg.Pool) {
  let flight: Promise<void> = Promise.resolve();
  let next: string[] | null = null;
  let nextSent: Promise<void> = flight;
  return (payloads: string[]): Promise<void> => {
    if (next) {
      next.push(...payloads);
      return nextSent;
    }
    const batch = [...payloads];
    next = batch;
    nextSent = flight
      .catch(() => undefined)
      .then(async () => {
        // later publishes start the batch behind this one
        next = null;
        await pool.query({ text: NOTIFY, values: [CHANNEL, batch] });
      });
    flight = nextSent;
    return nextSent;
  };
}

function postgresBus(database: Database): LiveBus {
  const router = localRouter();
  const pool = poolOf(database);
  const notify = batchedNotify(pool);
  let client: pg.Client | null = null;
  let closed = false;
  let connecting: Promise<void> | null = null;

  const connect = async () => {
    const next = new pg.Client(pool.options);
    next.on("notification", (note) => {
      const payload = note.payload;
      if (note.channel !== CHANNEL || !payload) return;
      const colon = payload.indexOf(":");
      try {
        router.deliver(Number(payload.slice(0, colon)), payload.slice(colon + 1));
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
    async publish(events) {
      // NOTIFY from the pool (not the listener): the database hands it to every listening process, this one
      // too, in the order sent.
      if (events.length > 0) await notify(events.map(payloadOf));
    },
    subscribe(topic, listener) {
      void ensure().catch(() => undefined);
      return router.subscribe(topic, listener);
    },
    async close() {
      closed = true;
      await connecting?.catch(() => undefined);
      await client?.end().catch(() => undefined);
      client = null;
      router.clear();
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
