// One onRequest hook decides who is calling and whether they may: shopper routes declare `auth`,
// staff routes declare a `permission`, and the permission table is the only place roles are checked.
import { and, eq, gt, isNull } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import type { Db } from "../db/client.ts";
import { sessions, staff, users } from "../db/schema/accounts.ts";
import { AppError } from "../errors/app-error.ts";
import { hashToken } from "../lib/tokens.ts";
import { type Permission, roleHas } from "./permissions.ts";
import { type CachedSession, cachedSession, rememberSession } from "./session-cache.ts";
import type { App, StaffActor } from "./types.ts";

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header?.startsWith("Bearer ")) return null;
  const token = header.slice("Bearer ".length).trim();
  return token.length > 0 && token.length < 200 ? token : null;
}

/** The live session of a token with the staff member or shopper behind it, in one round trip (then remembered). */
async function lookUpSession(db: Db, tokenHash: string, now: Date): Promise<CachedSession | null> {
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

  // Callback-style, not async: public routes and sessions this process remembers (session-cache.ts) decide
  // without a promise; only a session looked up in the database waits for it.
  app.addHook("onRequest", (request, _reply, done) => {
    const config = request.routeOptions.config;
    const permission = config?.permission;
    const auth = config?.auth ?? "public";
    if (!permission && auth === "public") {
      done();
      return;
    }
    const token = bearerToken(request);
    const tokenHash = token ? hashToken(token) : null;
    const at = now();
    const cached = tokenHash ? cachedSession(tokenHash, at) : null;
    if (cached || !tokenHash) {
      done(decide(request, tokenHash, cached, permission, auth));
      return;
    }
    lookUpSession(db, tokenHash, at).then(
      (session) => done(decide(request, tokenHash, session, permission, auth)),
      done,
    );
  });
}

/** Who is calling (set on the request), and the refusal when they may not call this route. */
function decide(
  request: FastifyRequest,
  tokenHash: string | null,
  session: CachedSession | null,
  permission: Permission | undefined,
  auth: string,
): AppError | undefined {
  if (session) request.sessionTokenHash = tokenHash;
  if (permission) {
    if (session?.kind !== "staff") return new AppError("UNAUTHENTICATED", "Staff login required");
    const { staffId, staffUsername, staffName, staffRole, staffDisabled } = session;
    if (
      staffId === null ||
      staffUsername === null ||
      staffName === null ||
      staffRole === null ||
      staffDisabled
    ) {
      return new AppError("ACCOUNT_DISABLED", "This staff account is disabled");
    }
    request.staff = { id: staffId, username: staffUsername, name: staffName, role: staffRole };
    if (!roleHas(staffRole, permission)) {
      return new AppError("FORBIDDEN", `Role ${staffRole} may not ${permission}`, { permission });
    }
    return undefined;
  }
  if (session?.userId != null && !session.userDisabled) request.user = { id: session.userId };
  if (auth === "user" && !request.user) return new AppError("UNAUTHENTICATED", "Please log in");
  return undefined;
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
