// The audit log page: who changed what, newest first, with a cursor.
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { fromDigits, Id } from "../../http/input-types.ts";
import type { App } from "../../http/types.ts";
import { listAudit } from "./service.ts";

const AuditQuery = z.strictObject({
  cursor: Id.optional(),
  limit: fromDigits(z.number().int().min(1).max(100).default(20)),
  entity: z.string().max(40).optional(),
});

const AuditEntry = z.strictObject({
  id: z.number(),
  staffId: z.number().nullable(),
  staffUsername: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  /** The object in words (an order's number, a SKU's product and spec, a person's nickname and masked phone). */
  entityLabel: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  at: z.date(),
});

export function registerAuditRoutes(app: App, deps: AppDeps): void {
  app.get(
    "/api/admin/v1/audit-log",
    {
      config: { permission: "audit.read" },
      schema: {
        tags: ["admin: audit"],
        querystring: AuditQuery,
        response: { 200: z.object({ items: z.array(AuditEntry), nextCursor: z.number().nullable() }) },
      },
    },
    async (request) => listAudit(deps.db, request.query),
  );
}
