// The staff audit log: every staff write records who, when, what, before and after, in the write's own transaction.
import { and, desc, eq, lt } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { auditLog } from "../../db/schema/platform.ts";
import type { StaffActor } from "../../http/types.ts";

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
  return { items: page, nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
}
