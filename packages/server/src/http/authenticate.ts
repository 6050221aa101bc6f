// One onRequest hook decides who is calling and whether they may: shopper routes declare `auth`,
// staff routes declare a `permission`, and the permission table is the only place roles are checked.
import { and, eq, gt, isNull } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import type { Db } from "../db/client.ts";
import { sessions, staff, users } from "../db/schema/accounts.ts";
import { hashToken } from "../lib/tokens.ts";
import { AppError } from "./app-error.ts";
import { roleHas } from "./permissions.ts";
import type { App, StaffActor } from "./types.ts";

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header?.startsWith("Bearer ")) return null;
  const token = header.slice("Bearer ".length).trim();
  return token.length > 0 && token.length < 200 ? token : null;
}

async function findSession(db: Db, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ kind: sessions.subjectKind, subjectId: sessions.subjectId })
    .from(sessions)
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .limit(1);
  return row ?? null;
}

export function installAuthentication(app: App, db: Db, now: () => Date): void {
  app.decorateRequest("user", null);
  app.decorateRequest("staff", null);
  app.decorateRequest("sessionTokenHash", null);

  app.addHook("onRoute", (route) => {
    const isAdmin = route.url.startsWith("/api/admin/");
    const open = route.url.startsWith("/api/admin/v1/auth/login");
    if (isAdmin && !open && !route.config?.permission) {
      throw new Error(`Admin route ${route.method} ${route.url} declares no permission`);
    }
  });

  app.addHook("onRequest", async (request) => {
    const config = request.routeOptions.config;
    const permission = config?.permission;
    const auth = config?.auth ?? "public";
    if (!permission && auth === "public") return;
    const token = bearerToken(request);
    const session = token ? await findSession(db, hashToken(token), now()) : null;
    if (token && session) request.sessionTokenHash = hashToken(token);

    if (permission) {
      if (session?.kind !== "staff") throw new AppError("UNAUTHENTICATED", "Staff login required");
      const [member] = await db.select().from(staff).where(eq(staff.id, session.subjectId)).limit(1);
      if (!member || member.disabled)
        throw new AppError("ACCOUNT_DISABLED", "This staff account is disabled");
      request.staff = { id: member.id, username: member.username, name: member.name, role: member.role };
      if (!roleHas(member.role, permission)) {
        throw new AppError("FORBIDDEN", `Role ${member.role} may not ${permission}`, { permission });
      }
      return;
    }
    if (session?.kind === "user") {
      const [user] = await db
        .select({ id: users.id, disabled: users.disabled })
        .from(users)
        .where(eq(users.id, session.subjectId))
        .limit(1);
      if (user && !user.disabled) request.user = { id: user.id };
    }
    if (auth === "user" && !request.user) throw new AppError("UNAUTHENTICATED", "Please log in");
  });
}

/** The logged-in shopper of a route declared with `auth: "user"`. */
export function currentUserId(request: FastifyRequest): number {
  if (!request.user) throw new AppError("UNAUTHENTICATED", "Please log in");
  return request.user.id;
}

/** The staff member behind a request, as the audit log records them. */
export function staffActor(request: FastifyRequest): StaffActor {
  if (!request.staff) throw new AppError("UNAUTHENTICATED", "Staff login required");
  return {
    staffId: request.staff.id,
    username: request.staff.username,
    requestId: request.id,
    ip: request.ip,
  };
}
