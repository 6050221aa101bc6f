// Reads and edits the merchant's settings. Stored values are re-validated on read, so a section
// gains new fields with their defaults without a data migration.
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Db, Executor } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { StaffActor } from "../../http/types.ts";
import { recordAudit } from "../audit/service.ts";
import { findSections, lockSection, upsertSection } from "./repo.ts";
import { type SettingsOf, type SettingsSection, settingsSections } from "./sections.ts";

function parseStored<S extends SettingsSection>(section: S, stored: unknown): SettingsOf<S> {
  const schema = settingsSections[section];
  const parsed = schema.safeParse(stored ?? {});
  // A stored value that no longer validates (a field was tightened) falls back to defaults for that section.
  return (parsed.success ? parsed.data : schema.parse({})) as SettingsOf<S>;
}

// The sections are read in one query and each parsed once, then remembered in this process for CACHE_MS:
// placing an order needs `orders` and `distribution`, paying asks for `distribution` up to five times, and
// neither goes to the database for them while the copy is fresh. A save clears this process's copy when it
// commits (its next request sees it at once); other processes see it within CACHE_MS. A transaction that
// saves a section reads its own value back.
const CACHE_MS = 2_000;
type Read = Map<string, { stored: unknown; parsed?: unknown }>;
const remembered = new WeakMap<object, { untilMs: number; read: Read }>();
const savedInTransaction = new WeakMap<object, Read>();

/** One database, whether reached through it or one of its transactions (they share Drizzle's dialect). */
const databaseOf = (db: Executor): object => (db as unknown as { dialect: object }).dialect;

async function readAll(db: Executor): Promise<Read> {
  const key = databaseOf(db);
  const hit = remembered.get(key);
  if (hit && Date.now() < hit.untilMs) return hit.read;
  const rows = await findSections(db, Object.keys(settingsSections));
  const read: Read = new Map(rows.map((r) => [r.section, { stored: r.value }]));
  remembered.set(key, { untilMs: Date.now() + CACHE_MS, read });
  return read;
}

/** Forgets this process's copy of the settings of `db` (after a save; the seed writes sections directly). */
export function forgetCachedSettings(db: Executor): void {
  remembered.delete(databaseOf(db));
}

export async function getSettings<S extends SettingsSection>(
  db: Executor,
  section: S,
): Promise<SettingsOf<S>> {
  const own = db instanceof PgTransaction ? savedInTransaction.get(db)?.get(section) : undefined;
  const read = own ? null : await readAll(db);
  const entry = own ?? read!.get(section) ?? { stored: null };
  entry.parsed ??= parseStored(section, entry.stored);
  if (read && !read.has(section)) read.set(section, entry);
  return entry.parsed as SettingsOf<S>;
}

export async function updateSettings<S extends SettingsSection>(
  db: Db,
  actor: StaffActor,
  section: S,
  patch: Partial<SettingsOf<S>>,
): Promise<SettingsOf<S>> {
  forgetCachedSettings(db);
  const saved = await inTransaction(db, async (tx) => {
    const before = parseStored(section, await lockSection(tx, section));
    const after = settingsSections[section].parse({ ...before, ...patch }) as SettingsOf<S>;
    await upsertSection(tx, section, after);
    const own = savedInTransaction.get(tx) ?? new Map();
    own.set(section, { stored: after, parsed: after });
    savedInTransaction.set(tx, own);
    await recordAudit(tx, actor, {
      action: "settings.update",
      entity: "settings",
      entityId: section,
      before,
      after,
    });
    return after;
  });
  // Again after the commit: a read racing the save may have remembered the old value meanwhile.
  forgetCachedSettings(db);
  return saved;
}
