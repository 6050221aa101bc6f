// SMS verification codes: prove that a shopper holds a phone (sign-up, password reset, a new phone). A code is
// 6 digits, stored only as a salted hash, good for 5 minutes and 5 tries; one send a minute per phone and a
// daily cap per phone and per address (domain/auth/verification-code.ts decides). In demo mode (the owner's
// sandbox switch on) the sandbox provider's code is also handed back so the demo can show it.
import { createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { decideCheck, decideSend, VERIFICATION_CODE } from "@liebian/domain";
import { maskPhone } from "../../adapters/sms/index.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { AppError } from "../../errors/app-error.ts";
import { sandboxSwitchedOn } from "../payments/settings.ts";
import {
  deleteSmsCode,
  findSendTimes,
  insertSmsCode,
  lockLatestCode,
  lockSendersOf,
  type SmsPurpose,
  updateSmsCode,
} from "./repo.ts";

export type SmsCodeDeps = Pick<AppDeps, "db" | "now" | "sms" | "config" | "paymentProviders">;

function hashCode(salt: string, phone: string, purpose: SmsPurpose, code: string): string {
  return createHmac("sha256", salt).update(`${phone}:${purpose}:${code}`).digest("hex");
}

const tooSoon = {
  RESEND_TOO_SOON: ["SMS_CODE_TOO_SOON", "A code was just sent to this phone"],
  PHONE_DAILY_LIMIT: ["SMS_DAILY_LIMIT", "Too many codes to this phone today"],
  IP_DAILY_LIMIT: ["SMS_DAILY_LIMIT", "Too many codes from this address today"],
} as const;

/** Sends a fresh code (the caller has checked the phone suits the purpose). */
export async function sendSmsCode(
  deps: SmsCodeDeps,
  input: { phone: string; purpose: SmsPurpose; ip: string },
) {
  const now = deps.now();
  const code = String(randomInt(0, 10 ** VERIFICATION_CODE.length)).padStart(VERIFICATION_CODE.length, "0");
  const salt = randomBytes(16).toString("base64url");
  const id = await inTransaction(deps.db, async (tx) => {
    await lockSendersOf(tx, input.phone, input.ip);
    const since = new Date(now.getTime() - VERIFICATION_CODE.dayMs);
    const decision = decideSend(
      {
        phoneSentAtMs: await findSendTimes(tx, since, { phone: input.phone }),
        ipSentAtMs: await findSendTimes(tx, since, { ip: input.ip }),
      },
      now.getTime(),
      { perPhonePerDay: deps.config.smsDailyLimitPerPhone, perIpPerDay: deps.config.smsDailyLimitPerIp },
    );
    if (decision.kind === "refuse") {
      const [errorCode, message] = tooSoon[decision.reason];
      throw new AppError(errorCode, message, {
        reason: decision.reason,
        retryAfterSeconds: decision.retryAfterSeconds,
      });
    }
    return insertSmsCode(tx, {
      phone: input.phone,
      purpose: input.purpose,
      codeHash: hashCode(salt, input.phone, input.purpose, code),
      salt,
      ip: input.ip,
      sentAt: now,
    });
  });
  // Outside the transaction: never hold locks while waiting on the provider.
  const sent = await deps.sms.send({ phone: input.phone, code, purpose: input.purpose });
  if (!sent.ok) {
    // Not sent, so it must not count against the shopper's minute or day.
    await deleteSmsCode(deps.db, id);
    throw new AppError("SMS_SEND_FAILED", "The SMS could not be sent; try again later", {
      reason: sent.code,
    });
  }
  const demo = deps.sms.kind === "sandbox" && sandboxSwitchedOn(deps);
  return {
    sentTo: maskPhone(input.phone),
    expiresInSeconds: VERIFICATION_CODE.ttlMs / 1000,
    resendAfterSeconds: VERIFICATION_CODE.resendIntervalMs / 1000,
    demoCode: demo ? code : null,
  };
}

/**
 * Accepts the code once: in its own transaction, so a wrong try is counted even though the caller's use case
 * then fails. Throws SMS_CODE_INVALID (with the tries left), SMS_CODE_EXPIRED or SMS_CODE_ATTEMPTS_EXCEEDED.
 */
export async function consumeSmsCode(
  deps: Pick<SmsCodeDeps, "db" | "now">,
  input: { phone: string; purpose: SmsPurpose; code: string },
): Promise<void> {
  const now = deps.now();
  const refusal = await inTransaction(deps.db, async (tx) => {
    const row = await lockLatestCode(tx, input.phone, input.purpose);
    const matches = row
      ? timingSafeEqual(
          Buffer.from(row.codeHash, "hex"),
          Buffer.from(hashCode(row.salt, input.phone, input.purpose, input.code), "hex"),
        )
      : false;
    const decision = decideCheck(
      row
        ? { sentAtMs: row.sentAt.getTime(), attempts: row.attempts, consumed: row.consumedAt !== null }
        : null,
      matches,
      now.getTime(),
    );
    if (decision.kind === "accept") {
      await updateSmsCode(tx, row!.id, { consumedAt: now });
      return null;
    }
    if (decision.kind === "wrong") {
      await updateSmsCode(tx, row!.id, { attempts: row!.attempts + 1 });
      return new AppError("SMS_CODE_INVALID", "Wrong verification code", {
        attemptsLeft: decision.attemptsLeft,
      });
    }
    if (decision.reason === "EXPIRED")
      return new AppError("SMS_CODE_EXPIRED", "The code has expired; get a new one");
    if (decision.reason === "ATTEMPTS_EXCEEDED")
      return new AppError("SMS_CODE_ATTEMPTS_EXCEEDED", "Too many wrong codes; get a new one");
    return new AppError("SMS_CODE_INVALID", "No code was sent to this phone; get one first");
  });
  if (refusal) throw refusal;
}
