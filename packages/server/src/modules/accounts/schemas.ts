// The contract of shopper sign-up, login and profile.
import { z } from "zod";
import { singleLine } from "../../http/input-types.ts";

export const Phone = z.string().regex(/^1[3-9]\d{9}$/, "a mainland China mobile number");
export const Password = z.string().min(8).max(72);

/** The 6-digit code from the SMS (adapters/sms). */
export const SmsCode = z.string().regex(/^\d{6}$/, "the 6-digit code from the SMS");

export const RegisterBody = z.strictObject({
  phone: Phone,
  password: Password,
  code: SmsCode,
  nickname: singleLine(1, 30).optional(),
  /** A distributor's invite code from the link the shopper arrived by; bound inside the sign-up. */
  ref: singleLine(1, 32).optional(),
});

export const LoginBody = z.strictObject({ phone: Phone, password: z.string().min(1).max(72) });

export const WechatLoginBody = z.strictObject({
  code: z.string().min(1).max(200),
  ref: z.string().trim().min(1).max(32).optional(),
});

export const UserResponse = z.object({
  id: z.number().int(),
  phone: z.string().nullable(),
  nickname: z.string(),
  avatarUrl: z.string().nullable(),
  createdAt: z.string(),
});

export const SmsCodeBody = z.strictObject({
  phone: Phone,
  purpose: z.enum(["register", "reset_password"]),
});

export const PhoneCodeBody = z.strictObject({ phone: Phone });

export const SmsCodeSentResponse = z.object({
  /** The phone, masked, as the screen repeats it. */
  sentTo: z.string(),
  expiresInSeconds: z.number().int(),
  /** The button may be pressed again after this long. */
  resendAfterSeconds: z.number().int(),
  /** Demo mode only (sandbox SMS with the sandbox switch on): the code, so the demo can show it. */
  demoCode: z.string().nullable(),
});

export const ResetPasswordBody = z.strictObject({ phone: Phone, code: SmsCode, password: Password });

export const ChangePhoneBody = z.strictObject({ phone: Phone, code: SmsCode });

/** What the login page may offer: the demo WeChat login only in demo mode (the owner's sandbox switch). */
export const AuthOptionsResponse = z.object({
  demo: z.boolean(),
  wechat: z.enum(["sandbox", "official_account"]).nullable(),
});

export const SessionResponse = z.object({ token: z.string(), user: UserResponse });
