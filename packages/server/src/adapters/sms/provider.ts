// The SMS contract: send one verification code to one phone. Expected failures are values, never throws.

export type SmsPurpose = "register" | "reset_password" | "change_phone";

export type SmsMessage = { phone: string; code: string; purpose: SmsPurpose };

export type SmsFailure = {
  ok: false;
  code:
    | "PHONE_INVALID" // the provider says the number cannot receive SMS
    | "PROVIDER_LIMITED" // the provider's own flow control for this number
    | "PROVIDER_UNAVAILABLE" // timeout, network, 5xx: the code was probably not sent
    | "PROVIDER_REJECTED"; // anything else (bad key, sign name or template not approved…), see providerCode
  providerCode?: string;
  message: string;
};

export type SmsResult = { ok: true; providerMessageId: string | null } | SmsFailure;

export interface SmsProvider {
  /** "sandbox" sends nothing: the code goes to the server log (and, in demo mode, back to the app). */
  readonly kind: "sandbox" | "aliyun";
  send(message: SmsMessage): Promise<SmsResult>;
}
