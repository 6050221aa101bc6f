// Shopper accounts: sign-up, login by phone and password or by WeChat, sessions that can be revoked.
import type { Db, Tx } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import { AppError } from "../../errors/app-error.ts";
import { decoyHash, hashPassword, verifyPassword } from "../../lib/password.ts";
import { hashToken, newToken } from "../../lib/tokens.ts";
import { assertMayTryLogin, clearLoginFailures, recordLoginFailure } from "../login-throttle/service.ts";
import { consumeSmsCode } from "../sms-codes/service.ts";
import {
  findUserById,
  findUserByOpenid,
  findUserByPhone,
  insertSession,
  insertUser,
  revokeSession,
  type UserRow,
} from "./repo.ts";

export const SESSION_DAYS = 30;

/** Runs inside the sign-up transaction with the new shopper and the invite code they came by. */
export type SignupHook = (tx: Tx, user: { id: number }, ref: string | undefined, now: Date) => Promise<void>;

/** Exchanges a WeChat authorisation code for an identity (the adapter decides sandbox or real). */
export type WechatCodeExchange = (code: string) => Promise<
  | {
      ok: true;
      openid: string;
      unionid?: string | undefined;
      nickname?: string | undefined;
      avatarUrl?: string | undefined;
    }
  | { ok: false; code: string }
>;

export type AccountDeps = { db: Db; now: () => Date; onSignup: SignupHook[] };

export function publicUser(user: UserRow) {
  return {
    id: user.id,
    phone: user.phone ? `${user.phone.slice(0, 3)}****${user.phone.slice(7)}` : null,
    nickname: user.nickname,
    avatarUrl: user.avatarUrl,
    createdAt: user.createdAt.toISOString(),
  };
}

async function openSession(tx: Tx, kind: "user" | "staff", subjectId: number, now: Date): Promise<string> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await insertSession(tx, { tokenHash: hashToken(token), subjectKind: kind, subjectId, expiresAt });
  return token;
}

export async function registerShopper(
  deps: AccountDeps,
  input: {
    phone: string;
    password: string;
    code: string;
    nickname?: string | undefined;
    ref?: string | undefined;
  },
) {
  // The phone is the login: only its holder, who got the SMS code, may sign up with it.
  await consumeSmsCode(deps, { phone: input.phone, purpose: "register", code: input.code });
  const passwordHash = await hashPassword(input.password);
  const now = deps.now();
  return inTransaction(deps.db, async (tx) => {
    const nickname = input.nickname ?? `用户${input.phone.slice(-4)}`;
    const user = await insertUser(tx, { phone: input.phone, passwordHash, nickname });
    if (!user) throw new AppError("PHONE_TAKEN", "This phone number is already registered");
    for (const hook of deps.onSignup) await hook(tx, user, input.ref, now);
    return { token: await openSession(tx, "user", user.id, now), user: publicUser(user) };
  });
}

export async function loginShopper(deps: AccountDeps, input: { phone: string; password: string }) {
  const throttle = `user:${input.phone}` as const;
  await assertMayTryLogin(deps.db, throttle, deps.now());
  const user = await findUserByPhone(deps.db, input.phone);
  // Verify against a decoy when the phone is unknown so the answer and its timing are the same.
  const ok = await verifyPassword(input.password, user?.passwordHash ?? decoyHash);
  if (!user?.passwordHash || !ok) {
    await recordLoginFailure(deps.db, throttle, deps.now());
    throw new AppError("INVALID_CREDENTIALS", "Wrong phone or password");
  }
  if (user.disabled) throw new AppError("ACCOUNT_DISABLED", "This account is disabled");
  await clearLoginFailures(deps.db, throttle);
  const now = deps.now();
  return inTransaction(deps.db, async (tx) => ({
    token: await openSession(tx, "user", user.id, now),
    user: publicUser(user),
  }));
}

export async function loginWithWechat(
  deps: AccountDeps,
  exchange: WechatCodeExchange,
  input: { code: string; ref?: string | undefined },
) {
  const identity = await exchange(input.code);
  if (!identity.ok)
    throw new AppError("WECHAT_LOGIN_FAILED", "WeChat did not accept this code", { reason: identity.code });
  const now = deps.now();
  return inTransaction(deps.db, async (tx) => {
    let user = await findUserByOpenid(tx, identity.openid);
    if (!user) {
      user = await insertUser(tx, {
        wechatOpenid: identity.openid,
        wechatUnionid: identity.unionid ?? null,
        nickname: identity.nickname ?? "微信用户",
        avatarUrl: identity.avatarUrl ?? null,
      });
      if (!user) throw new AppError("WECHAT_LOGIN_FAILED", "Could not create the account, try again");
      for (const hook of deps.onSignup) await hook(tx, user, input.ref, now);
    }
    if (user.disabled) throw new AppError("ACCOUNT_DISABLED", "This account is disabled");
    return { token: await openSession(tx, "user", user.id, now), user: publicUser(user) };
  });
}

export async function logout(deps: AccountDeps, tokenHash: string | null): Promise<void> {
  if (tokenHash) await revokeSession(deps.db, tokenHash, deps.now());
}

export async function getProfile(deps: AccountDeps, userId: number) {
  const user = await findUserById(deps.db, userId);
  if (!user) throw new AppError("UNAUTHENTICATED", "Please log in");
  return publicUser(user);
}

export { openSession };
