// Reads and edits the merchant's settings. Stored values are re-validated on read, so a section
// gains new fields with their defaults without a data migration.
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

export async function getSettings<S extends SettingsSection>(
  db: Executor,
  section: S,
): Promise<SettingsOf<S>> {
  return parseStored(section, await findSection(db, section));
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
