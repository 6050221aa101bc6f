// The referral code a visitor arrived with (`?ref=CODE`): kept on the device until sign-up or WeChat login
// sends it, so a shopper who browses first and registers later is still bound to the distributor.
import { readRef, writeRef } from "./storage.ts";

const CODE = /^[A-Za-z0-9_-]{1,32}$/;

/** Reads `ref` from the current address; returns the code when one was newly seen. */
export function captureReferral(search: string = window.location.search): string | null {
  const code = new URLSearchParams(search).get("ref")?.trim();
  if (!code || !CODE.test(code)) return null;
  writeRef(code);
  return code;
}

export function pendingReferral(): string | undefined {
  return readRef() ?? undefined;
}

export function forgetReferral(): void {
  writeRef(null);
}
