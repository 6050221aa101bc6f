// Queries for SMS verification codes.
import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { smsCodes } from "../../db/schema/auth.ts";

export type SmsCodeRow = typeof smsCodes.$inferSelect;
export type SmsPurpose = SmsCodeRow["purpose"];

/**
 * Serialises sends to one phone and from one address until the transaction ends, so two requests at once
 * cannot both pass the one-a-minute rule or the daily caps. Always phone first, then address: no deadlock.
 */
export async function lockSendersOf(db: Executor, phone: string, ip: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`sms-phone:${phone}`}))`);
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`sms-ip:${ip}`}))`);
}

export async function findSendTimes(db: Executor, since: Date, by: { phone: string } | { ip: string }) {
  const rows = await db
    .select({ sentAt: smsCodes.sentAt })
    .from(smsCodes)
    .where(
      and(gt(smsCodes.sentAt, since), "phone" in by ? eq(smsCodes.phone, by.phone) : eq(smsCodes.ip, by.ip)),
    )
    .orderBy(asc(smsCodes.sentAt));
  return rows.map((r) => r.sentAt.getTime());
}

export async function insertSmsCode(db: Executor, values: typeof smsCodes.$inferInsert): Promise<number> {
  const [row] = await db.insert(smsCodes).values(values).returning({ id: smsCodes.id });
  return row!.id;
}

export async function deleteSmsCode(db: Executor, id: number): Promise<void> {
  await db.delete(smsCodes).where(eq(smsCodes.id, id));
}

/** The latest code sent to the phone for the purpose, locked: only one check of it runs at a time. */
export async function lockLatestCode(
  db: Executor,
  phone: string,
  purpose: SmsPurpose,
): Promise<SmsCodeRow | null> {
  const [row] = await db
    .select()
    .from(smsCodes)
    .where(and(eq(smsCodes.phone, phone), eq(smsCodes.purpose, purpose)))
    .orderBy(desc(smsCodes.sentAt), desc(smsCodes.id))
    .limit(1)
    .for("update");
  return row ?? null;
}

export async function updateSmsCode(
  db: Executor,
  id: number,
  values: Partial<Pick<SmsCodeRow, "attempts" | "consumedAt">>,
): Promise<void> {
  await db.update(smsCodes).set(values).where(eq(smsCodes.id, id));
}
