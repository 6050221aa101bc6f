// FAQ entries and the questions nothing answered.
import { asc, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { faqEntries, faqMisses } from "../../db/schema/service.ts";

export type FaqRow = typeof faqEntries.$inferSelect;

export async function listFaqEntries(db: Executor, onlyEnabled: boolean): Promise<FaqRow[]> {
  return db
    .select()
    .from(faqEntries)
    .where(onlyEnabled ? eq(faqEntries.enabled, true) : undefined)
    .orderBy(asc(faqEntries.id));
}

export async function findFaqEntry(db: Executor, id: number): Promise<FaqRow | undefined> {
  const [row] = await db.select().from(faqEntries).where(eq(faqEntries.id, id));
  return row;
}

export async function insertFaqEntry(db: Executor, row: typeof faqEntries.$inferInsert): Promise<FaqRow> {
  const [created] = await db.insert(faqEntries).values(row).returning();
  return created!;
}

export async function updateFaqEntry(db: Executor, id: number, patch: Partial<FaqRow>) {
  const [row] = await db.update(faqEntries).set(patch).where(eq(faqEntries.id, id)).returning();
  return row;
}

export async function deleteFaqEntry(db: Executor, id: number): Promise<boolean> {
  const rows = await db.delete(faqEntries).where(eq(faqEntries.id, id)).returning({ id: faqEntries.id });
  return rows.length > 0;
}

export async function countFaqHit(db: Executor, id: number): Promise<void> {
  await db
    .update(faqEntries)
    .set({ hits: sql`${faqEntries.hits} + 1` })
    .where(eq(faqEntries.id, id));
}

export async function recordFaqMiss(db: Executor, question: string, at: Date): Promise<void> {
  await db
    .insert(faqMisses)
    .values({ question, count: 1, lastAt: at })
    .onConflictDoUpdate({
      target: faqMisses.question,
      set: { count: sql`${faqMisses.count} + 1`, lastAt: at },
    });
}

export async function listFaqMisses(db: Executor, limit: number) {
  return db.select().from(faqMisses).orderBy(desc(faqMisses.count), desc(faqMisses.lastAt)).limit(limit);
}

export async function deleteFaqMiss(db: Executor, question: string): Promise<void> {
  await db.delete(faqMisses).where(eq(faqMisses.question, question));
}
