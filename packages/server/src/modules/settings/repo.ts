// Queries for the settings table: one JSON value per section.
import { eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { settings } from "../../db/schema/platform.ts";

export async function findSections(db: Executor, sections: string[]) {
  return db
    .select({ section: settings.section, value: settings.value })
    .from(settings)
    .where(inArray(settings.section, sections));
}

export async function lockSection(db: Executor, section: string): Promise<unknown | null> {
  const [row] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.section, section))
    .for("update");
  return row?.value ?? null;
}

export async function upsertSection(db: Executor, section: string, value: unknown): Promise<void> {
  await db
    .insert(settings)
    .values({ section, value })
    .onConflictDoUpdate({ target: settings.section, set: { value, updatedAt: sql`now()` } });
}
