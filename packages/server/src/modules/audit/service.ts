// The staff audit log: every staff write records who, when, what, before and after, in the write's own transaction.
import { and, desc, eq, lt } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { auditLog } from "../../db/schema/platform.ts";
import type { StaffActor } from "../../http/types.ts";
import { findAuditLabels } from "./labels.ts";

export type AuditChange = {
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
};

export async function recordAudit(tx: Executor, actor: StaffActor, change: AuditChange): Promise<void> {
  await tx.insert(auditLog).values({
    staffId: actor.staffId,
    staffUsername: actor.username,
    action: change.action,
    entity: change.entity,
    entityId: change.entityId == null ? null : String(change.entityId),
    before: change.before ?? null,
    after: change.after ?? null,
    requestId: actor.requestId,
    ip: actor.ip,
  });
}

/**
 * A staff sign-in that did not get in (wrong password, or refused while the account waits), in the log beside
 * the writes: the name that was typed, the account if it exists, where from. Never the password.
 */
export async function recordLoginAudit(
  db: Executor,
  attempt: {
    action: "staff.login_failed" | "staff.login_throttled";
    staffId: number | null;
    username: string;
    requestId: string;
    ip: string;
    after: Record<string, unknown>;
  },
): Promise<void> {
  await db.insert(auditLog).values({
    staffId: attempt.staffId,
    staffUsername: attempt.username,
    action: attempt.action,
    entity: "staff",
    entityId: attempt.staffId == null ? null : String(attempt.staffId),
    after: attempt.after,
    requestId: attempt.requestId,
    ip: attempt.ip,
  });
}

export async function listAudit(
  db: Executor,
  query: { cursor?: number | undefined; limit: number; entity?: string | undefined },
) {
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        query.cursor ? lt(auditLog.id, query.cursor) : undefined,
        query.entity ? eq(auditLog.entity, query.entity) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const labels = await findAuditLabels(db, page);
  const items = page.map((e) => ({ ...e, entityLabel: labels.get(`${e.entity}:${e.entityId}`) ?? null }));
  return { items, nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
}
