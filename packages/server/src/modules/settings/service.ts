// Reads and edits the merchant's settings. Stored values are re-validated on read, so a section
// gains new fields with their defaults without a data migration.
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Db, Executor } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { StaffActor } from "../../http/types.ts";
import { recordAudit } from "../audit/service.ts";
import { findSection, lockSection, upsertSection } from "./repo.ts";
import { type SettingsOf, type SettingsSection, settingsSections } from "./sections.ts";

function parseStored<S extends SettingsSection>(section: S, stored: unknown): SettingsOf<S> {
  const schema = settingsSections[section];
  const parsed = schema.safeParse(stored ?? {});
  // A stored value that no longer validates (a field was tightened) falls back to defaults for that section.
  return (parsed.success ? parsed.data : schema.parse({})) as SettingsOf<S>;
}

// Inside one transaction a section is read and parsed once: a checkout's hooks ask for `distribution` up to
// five times. Outside a transaction every read goes to the database (another process may have saved).
const readInTransaction = new WeakMap<object, Map<SettingsSection, unknown>>();

export async function getSettings<S extends SettingsSection>(
  db: Executor,
  section: S,
): Promise<SettingsOf<S>> {
  if (!(db instanceof PgTransaction)) return parseStored(section, await findSection(db, section));
  const read = readInTransaction.get(db) ?? new Map<SettingsSection, unknown>();
  readInTransaction.set(db, read);
  if (!read.has(section)) read.set(section, parseStored(section, await findSection(db, section)));
  return read.get(section) as SettingsOf<S>;
}

export async function updateSettings<S extends SettingsSection>(
  db: Db,
  actor: StaffActor,
  section: S,
  patch: Partial<SettingsOf<S>>,
): Promise<SettingsOf<S>> {
  return inTransaction(db, async (tx) => {
    const before = parseStored(section, await lockSection(tx, section));
    const after = settingsSections[section].parse({ ...before, ...patch }) as SettingsOf<S>;
    await upsertSection(tx, section, after);
    readInTransaction.get(tx)?.delete(section);
    await recordAudit(tx, actor, {
      action: "settings.update",
      entity: "settings",
      entityId: section,
      before,
      after,
    });
    return after;
  });
}
