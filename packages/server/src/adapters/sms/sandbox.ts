// The sandbox SMS provider: sends nothing and writes the code to the server log, so a demo or a developer can
// sign up without an SMS account. The phone is masked in the log; the code is the point of the line.
import type { SmsMessage, SmsProvider } from "./provider.ts";

export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : "***";
}

export function createSandboxSms(log: (line: string, message: SmsMessage) => void): SmsProvider {
  return {
    kind: "sandbox",
    async send(message) {
      log(`sandbox SMS to ${maskPhone(message.phone)} (${message.purpose}): code ${message.code}`, message);
      return { ok: true, providerMessageId: null };
    },
  };
}
