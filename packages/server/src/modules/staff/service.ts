// Staff accounts: login, the first owner, and the owner's management of colleagues and roles.
import type { Db } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import { permissionsOf } from "../../http/permissions.ts";
import { forgetSubjectSessions } from "../../http/session-cache.ts";
import type { StaffActor } from "../../http/types.ts";
import { decoyHash, hashPassword, verifyPassword } from "../../lib/password.ts";
import { revokeSubjectSessions } from "../accounts/repo.ts";
import { openSession } from "../accounts/service.ts";
import { recordAudit, recordLoginAudit } from "../audit/service.ts";
import { assertMayTryLogin, clearLoginFailures, recordLoginFailure } from "../login-throttle/service.ts";
import {
  countOtherActiveOwners,
  countStaff,
  findStaffById,
  findStaffByUsername,
  insertStaff,
  listStaff,
  lockActiveOwners,
  lockStaff,
  type StaffRow,
  updateStaffRow,
} from "./repo.ts";

type StaffDeps = { db: Db; now: () => Date };
type StaffRole = StaffRow["role"];

export function publicStaff(row: StaffRow) {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    role: row.role,
    disabled: row.disabled,
    createdAt: row.createdAt.toISOString(),
  };
}

function withPermissions(row: StaffRow) {
  return { ...publicStaff(row), permissions: permissionsOf(row.role) };
}

/** Staff login; failures and throttled attempts go to the audit log with the caller's request id and IP. */
export async function loginStaff(
  deps: StaffDeps,
  input: { username: string; password: string },
  caller: { requestId: string; ip: string },
) {
  const throttle = `staff:${input.username}` as const;
  const member = await findStaffByUsername(deps.db, input.username);
  const attempt = { staffId: member?.id ?? null, username: input.username, ...caller };
  try {
    await assertMayTryLogin(deps.db, throttle, deps.now());
  } catch (refusal) {
    if (refusal instanceof AppError)
      await recordLoginAudit(deps.db, {
        ...attempt,
        action: "staff.login_throttled",
        after: refusal.details,
      });
    throw refusal;
  }
  const ok = await verifyPassword(input.password, member?.passwordHash ?? decoyHash);
  if (!member || !ok) {
    const state = await recordLoginFailure(deps.db, throttle, deps.now());
    await recordLoginAudit(deps.db, {
      ...attempt,
      action: "staff.login_failed",
      after: {
        reason: member ? "wrong_password" : "unknown_username",
        failures: state.failures,
        lockedUntil: state.lockedUntil?.toISOString() ?? null,
      },
    });
    throw new AppError("INVALID_CREDENTIALS", "Wrong username or password");
  }
  if (member.disabled) throw new AppError("ACCOUNT_DISABLED", "This staff account is disabled");
  await clearLoginFailures(deps.db, throttle);
  const now = deps.now();
  return inTransaction(deps.db, async (tx) => ({
    token: await openSession(tx, "staff", member.id, now),
    staff: withPermissions(member),
  }));
}

export async function getStaffMe(deps: StaffDeps, staffId: number) {
  const member = await findStaffById(deps.db, staffId);
  if (!member) throw notFound("Staff member");
  return withPermissions(member);
}

/**
 * Creates the owner on the first start. Returns the password only when it was generated here,
 * so the caller can print it once.
 */
export async function ensureOwner(
  deps: StaffDeps,
  input: { username: string; password: string | undefined; generatePassword: () => string },
): Promise<{ created: false } | { created: true; username: string; generatedPassword: string | null }> {
  if ((await countStaff(deps.db)) > 0) return { created: false };
  const password = input.password ?? input.generatePassword();
  const passwordHash = await hashPassword(password);
  await insertStaff(deps.db, { username: input.username, name: "店主", role: "owner", passwordHash });
  return { created: true, username: input.username, generatedPassword: input.password ? null : password };
}

export async function listStaffMembers(deps: StaffDeps) {
  return (await listStaff(deps.db)).map(publicStaff);
}

export async function createStaffMember(
  deps: StaffDeps,
  actor: StaffActor,
  input: { username: string; name: string; role: StaffRole; password: string },
) {
  const passwordHash = await hashPassword(input.password);
  return inTransaction(deps.db, async (tx) => {
    const row = await insertStaff(tx, {
      username: input.username,
      name: input.name,
      role: input.role,
      passwordHash,
    });
    if (!row) throw new AppError("USERNAME_TAKEN", "This username is taken");
    const after = publicStaff(row);
    await recordAudit(tx, actor, { action: "staff.create", entity: "staff", entityId: row.id, after });
    return after;
  });
}

export async function updateStaffMember(
  deps: StaffDeps,
  actor: StaffActor,
  id: number,
  input: {
    name?: string | undefined;
    role?: StaffRole | undefined;
    disabled?: boolean | undefined;
    password?: string | undefined;
  },
) {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return inTransaction(deps.db, async (tx) => {
    if ((input.role && input.role !== "owner") || input.disabled === true) await lockActiveOwners(tx);
    const current = await lockStaff(tx, id);
    if (!current) throw notFound("Staff member", { id });
    const losesOwner =
      current.role === "owner" && ((input.role && input.role !== "owner") || input.disabled === true);
    if (losesOwner && (await countOtherActiveOwners(tx, id)) === 0) {
      throw new AppError("LAST_OWNER", "The shop must keep at least one active owner");
    }
    const row = await updateStaffRow(tx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
      ...(passwordHash ? { passwordHash } : {}),
    });
    if (!row) throw notFound("Staff member", { id });
    // Their next request, in this process, sees the new role or name at once (others within seconds).
    forgetSubjectSessions("staff", id);
    // A disabled account or a changed password ends every open session of that person.
    if (input.disabled || passwordHash) await revokeSubjectSessions(tx, "staff", id, deps.now());
    const before = publicStaff(current);
    const after = publicStaff(row);
    await recordAudit(tx, actor, {
      action: "staff.update",
      entity: "staff",
      entityId: id,
      before: { ...before, passwordChanged: false },
      after: { ...after, passwordChanged: Boolean(passwordHash) },
    });
    return after;
  });
}
