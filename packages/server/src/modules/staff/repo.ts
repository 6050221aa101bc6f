// Queries for staff accounts.
import { and, asc, count, eq, ne } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { staff } from "../../db/schema/accounts.ts";

export type StaffRow = typeof staff.$inferSelect;

export async function findStaffByUsername(db: Executor, username: string): Promise<StaffRow | null> {
  const [row] = await db.select().from(staff).where(eq(staff.username, username)).limit(1);
  return row ?? null;
}

export async function lockStaff(db: Executor, id: number): Promise<StaffRow | null> {
  const [row] = await db.select().from(staff).where(eq(staff.id, id)).for("update");
  return row ?? null;
}

export async function findStaffById(db: Executor, id: number): Promise<StaffRow | null> {
  const [row] = await db.select().from(staff).where(eq(staff.id, id));
  return row ?? null;
}

export async function listStaff(db: Executor): Promise<StaffRow[]> {
  return db.select().from(staff).orderBy(asc(staff.id));
}

export async function insertStaff(db: Executor, values: typeof staff.$inferInsert): Promise<StaffRow | null> {
  const [row] = await db.insert(staff).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function updateStaffRow(db: Executor, id: number, values: Partial<typeof staff.$inferInsert>) {
  const [row] = await db.update(staff).set(values).where(eq(staff.id, id)).returning();
  return row ?? null;
}

/**
 * Locks every active owner row in id order, so two owners demoting or disabling each other at once queue
 * here and the second sees the first one's change (without it both would count the other and succeed).
 */
export async function lockActiveOwners(db: Executor): Promise<void> {
  await db
    .select({ id: staff.id })
    .from(staff)
    .where(and(eq(staff.role, "owner"), eq(staff.disabled, false)))
    .orderBy(asc(staff.id))
    .for("update");
}

/** Active owners other than the given one: the last owner may not be demoted or disabled. */
export async function countOtherActiveOwners(db: Executor, exceptId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(staff)
    .where(and(eq(staff.role, "owner"), eq(staff.disabled, false), ne(staff.id, exceptId)));
  return row?.n ?? 0;
}

export async function countStaff(db: Executor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(staff);
  return row?.n ?? 0;
}
