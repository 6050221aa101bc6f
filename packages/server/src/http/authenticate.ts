// One onRequest hook decides who is calling and whether they may: shopper routes declare `auth`,
// staff routes declare a `permission`, and the permission table is the only place roles are checked.
import { and, eq, gt, isNull } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import type { Db } from "../db/client.ts";
import { sessions, staff, users } from "../db/schema/accounts.ts";
import { AppError } from "../errors/app-error.ts";
import { hashToken } from "../lib/tokens.ts";
import { roleHas } from "./permissions.ts";
import { type CachedSession, cachedSession, rememberSession } from "./session-cache.ts";
import type { App, StaffActor } from "./types.ts";

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header?.startsWith("Bearer ")) return null;
  const token = header.slice("Bearer ".length).trim();
  return token.length > 0 && token.length < 200 ? token : null;
}

/**
 * The live session of a token with the staff member or shopper behind it: from this process's cache
 * (session-cache.ts), else in one round trip.
 */
async function findSession(db: Db, tokenHash: string, now: Date): Promise<CachedSession | null> {
  const cached = cachedSession(tokenHash, now);
  if (cached) return cached;
  const [row] = await db
    .select({
      kind: sessions.subjectKind,
      staffId: staff.id,
      staffUsername: staff.username,
      staffName: staff.name,
      staffRole: staff.role,
      staffDisabled: staff.disabled,
      userId: users.id,
      userDisabled: users.disabled,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .leftJoin(staff, and(eq(sessions.subjectKind, "staff"), eq(staff.id, sessions.subjectId)))
    .leftJoin(users, and(eq(sessions.subjectKind, "user"), eq(users.id, sessions.subjectId)))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .limit(1);
  if (!row) return null;
  rememberSession(tokenHash, row);
  return row;
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
    const tokenHash = token ? hashToken(token) : null;
    const session = tokenHash ? await findSession(db, tokenHash, now()) : null;
    if (session) request.sessionTokenHash = tokenHash;

    if (permission) {
      if (session?.kind !== "staff") throw new AppError("UNAUTHENTICATED", "Staff login required");
      const { staffId, staffUsername, staffName, staffRole, staffDisabled } = session;
      if (
        staffId === null ||
        staffUsername === null ||
        staffName === null ||
        staffRole === null ||
        staffDisabled
      ) {
        throw new AppError("ACCOUNT_DISABLED", "This staff account is disabled");
      }
      request.staff = { id: staffId, username: staffUsername, name: staffName, role: staffRole };
      if (!roleHas(staffRole, permission)) {
        throw new AppError("FORBIDDEN", `Role ${staffRole} may not ${permission}`, { permission });
      }
      return;
    }
    if (session?.userId != null && !session.userDisabled) request.user = { id: session.userId };
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
