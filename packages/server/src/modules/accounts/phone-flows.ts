// What an SMS code to a phone proves: ask for a code (sign-up, reset, a new phone), reset a forgotten password
// (every other session of the account ends), and move the account to another phone.
import { isUniqueViolation } from "../../db/errors.ts";
import { inTransaction } from "../../db/transaction.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import { hashPassword } from "../../lib/password.ts";
import { clearLoginFailures } from "../login-throttle/service.ts";
import { consumeSmsCode, type SmsCodeDeps, sendSmsCode } from "../sms-codes/service.ts";
import { findUserById, findUserByPhone, revokeSubjectSessions, updateUserRow } from "./repo.ts";
import { openSession, publicUser } from "./service.ts";

type Deps = SmsCodeDeps;

/** Sign-up needs a phone nobody uses; a reset needs one that is registered. */
export async function requestAccountCode(
  deps: Deps,
  input: { phone: string; purpose: "register" | "reset_password"; ip: string },
) {
  const user = await findUserByPhone(deps.db, input.phone);
  if (input.purpose === "register" && user)
    throw new AppError("PHONE_TAKEN", "This phone number is already registered");
  if (input.purpose === "reset_password" && !user?.passwordHash)
    throw new AppError("PHONE_NOT_REGISTERED", "No account signs in with this phone number");
  return sendSmsCode(deps, input);
}

/** A code for the phone a signed-in shopper wants to move to (nobody else may be using it). */
export async function requestNewPhoneCode(deps: Deps, userId: number, input: { phone: string; ip: string }) {
  const holder = await findUserByPhone(deps.db, input.phone);
  if (holder) {
    if (holder.id === userId)
      throw new AppError("VALIDATION_FAILED", "This is already your phone number", {
        issues: [{ path: "body.phone", message: "this is already your phone number" }],
      });
    throw phoneTaken();
  }
  return sendSmsCode(deps, { phone: input.phone, purpose: "change_phone", ip: input.ip });
}

/** Sets a new password; every session of the account ends and this device gets a new one. */
export async function resetPassword(deps: Deps, input: { phone: string; code: string; password: string }) {
  await consumeSmsCode(deps, { phone: input.phone, purpose: "reset_password", code: input.code });
  const passwordHash = await hashPassword(input.password);
  const now = deps.now();
  const session = await inTransaction(deps.db, async (tx) => {
    const user = await findUserByPhone(tx, input.phone);
    if (!user) throw new AppError("PHONE_NOT_REGISTERED", "No account signs in with this phone number");
    if (user.disabled) throw new AppError("ACCOUNT_DISABLED", "This account is disabled");
    const updated = await updateUserRow(tx, user.id, { passwordHash });
    await revokeSubjectSessions(tx, "user", user.id, now);
    return { token: await openSession(tx, "user", user.id, now), user: publicUser(updated) };
  });
  // Whoever holds the phone has proved it: earlier wrong guesses no longer make them wait.
  await clearLoginFailures(deps.db, `user:${input.phone}`);
  return session;
}

const phoneTaken = () => new AppError("PHONE_TAKEN", "This phone number is already registered");

export async function changePhone(deps: Deps, userId: number, input: { phone: string; code: string }) {
  await consumeSmsCode(deps, { phone: input.phone, purpose: "change_phone", code: input.code });
  try {
    return await inTransaction(deps.db, async (tx) => {
      const user = await findUserById(tx, userId);
      if (!user) throw notFound("User");
      const taken = await findUserByPhone(tx, input.phone);
      if (taken && taken.id !== userId) throw phoneTaken();
      return publicUser(await updateUserRow(tx, userId, { phone: input.phone }));
    });
  } catch (error) {
    // someone signed up with the phone between our check and the write
    if (isUniqueViolation(error, "users_phone_key")) throw phoneTaken();
    throw error;
  }
}
