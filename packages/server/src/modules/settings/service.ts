// Reads and edits the merchant's settings. Stored values are re-validated on read, so a section
// gains new fields with their defaults without a data migration.
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Db, Executor } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { StaffActor } from "../../http/types.ts";
import { recordAudit } from "../audit/service.ts";
import { findSection, findSections, lockSection, upsertSection } from "./repo.ts";
import { type SettingsOf, type SettingsSection, settingsSections } from "./sections.ts";

function parseStored<S extends SettingsSection>(section: S, stored: unknown): SettingsOf<S> {
  const schema = settingsSections[section];
  const parsed = schema.safeParse(stored ?? {});
  // A stored value that no longer validates (a field was tightened) falls back to defaults for that section.
  return (parsed.success ? parsed.data : schema.parse({})) as SettingsOf<S>;
}

// Inside one transaction the sections are read in one query and each parsed once: placing an order needs
// `orders` and `distribution`, and paying asks for `distribution` up to five times. Outside a transaction
// every read goes to the database (another process may have saved).
const readInTransaction = new WeakMap<object, Map<string, { stored: unknown; parsed?: unknown }>>();

export async function getSettings<S extends SettingsSection>(
  db: Executor,
  section: S,
): Promise<SettingsOf<S>> {
  if (!(db instanceof PgTransaction)) return parseStored(section, await findSection(db, section));
  let read = readInTransaction.get(db);
  if (!read) {
    const rows = await findSections(db, Object.keys(settingsSections));
    read = new Map(rows.map((r) => [r.section, { stored: r.value }]));
    readInTransaction.set(db, read);
  }
  const entry = read.get(section) ?? { stored: null };
  entry.parsed ??= parseStored(section, entry.stored);
  read.set(section, entry);
  return entry.parsed as SettingsOf<S>;
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
    readInTransaction.get(tx)?.set(section, { stored: after, parsed: after });
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
