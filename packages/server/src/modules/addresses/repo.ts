// Address book queries; every query is scoped to its owner.
import { and, desc, eq, ne } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { addresses } from "../../db/schema/commerce.ts";

export type AddressRow = typeof addresses.$inferSelect;

export async function listAddresses(db: Executor, userId: number): Promise<AddressRow[]> {
  return db
    .select()
    .from(addresses)
    .where(eq(addresses.userId, userId))
    .orderBy(desc(addresses.isDefault), desc(addresses.id));
}

export async function findOwnAddress(db: Executor, userId: number, id: number): Promise<AddressRow | null> {
  const [row] = await db
    .select()
    .from(addresses)
    .where(and(eq(addresses.id, id), eq(addresses.userId, userId)));
  return row ?? null;
}

export async function insertAddress(
  db: Executor,
  values: typeof addresses.$inferInsert,
): Promise<AddressRow> {
  const [row] = await db.insert(addresses).values(values).returning();
  return row!;
}

export async function updateOwnAddress(
  db: Executor,
  userId: number,
  id: number,
  values: Partial<typeof addresses.$inferInsert>,
) {
  const [row] = await db
    .update(addresses)
    .set(values)
    .where(and(eq(addresses.id, id), eq(addresses.userId, userId)))
    .returning();
  return row ?? null;
}

export async function clearOtherDefaults(db: Executor, userId: number, keepId: number): Promise<void> {
  await db
    .update(addresses)
    .set({ isDefault: false })
    .where(and(eq(addresses.userId, userId), ne(addresses.id, keepId), eq(addresses.isDefault, true)));
}

export async function deleteOwnAddress(db: Executor, userId: number, id: number): Promise<boolean> {
  const rows = await db
    .delete(addresses)
    .where(and(eq(addresses.id, id), eq(addresses.userId, userId)))
    .returning({ id: addresses.id });
  return rows.length > 0;
}
