// Queries for shoppers and sessions.
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { sessions, users } from "../../db/schema/accounts.ts";
import { forgetSession, forgetSubjectSessions } from "../../http/session-cache.ts";

export type UserRow = typeof users.$inferSelect;

export async function findUserByPhone(db: Executor, phone: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.phone, phone)).limit(1);
  return row ?? null;
}

export async function findUserById(db: Executor, id: number): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

export async function findUserByOpenid(db: Executor, openid: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.wechatOpenid, openid)).limit(1);
  return row ?? null;
}

/** Inserts a shopper; returns null when the phone (or openid) is already taken. */
export async function insertUser(db: Executor, values: typeof users.$inferInsert): Promise<UserRow | null> {
  const [row] = await db.insert(users).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function insertSession(
  db: Executor,
  values: { tokenHash: string; subjectKind: "user" | "staff"; subjectId: number; expiresAt: Date },
): Promise<void> {
  await db.insert(sessions).values(values);
}

/** Ends a session; this process forgets it at once (other processes within the session cache's TTL). */
export async function revokeSession(db: Executor, tokenHash: string, at: Date): Promise<void> {
  forgetSession(tokenHash);
  await db
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)));
}

export async function revokeSubjectSessions(
  db: Executor,
  subjectKind: "user" | "staff",
  subjectId: number,
  at: Date,
): Promise<void> {
  forgetSubjectSessions(subjectKind, subjectId);
  await db
    .update(sessions)
    .set({ revokedAt: at })
    .where(
      and(
        eq(sessions.subjectKind, subjectKind),
        eq(sessions.subjectId, subjectId),
        isNull(sessions.revokedAt),
      ),
    );
}

/** Shoppers' nicknames by id, for lists that would otherwise show bare ids. */
export async function findNicknames(db: Executor, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, nickname: users.nickname })
    .from(users)
    .where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.nickname]));
}

export async function updateUserRow(
  db: Executor,
  id: number,
  values: Partial<Pick<UserRow, "passwordHash" | "phone">>,
): Promise<UserRow> {
  const [row] = await db.update(users).set(values).where(eq(users.id, id)).returning();
  if (!row) throw new Error(`user ${id} vanished`);
  return row;
}
