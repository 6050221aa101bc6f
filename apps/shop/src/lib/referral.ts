// The referral code a visitor arrived with (`?ref=CODE`): the link opening is recorded at once
// (POST /api/v1/referrals/visit, which binds a signed-in shopper by the shop's policy), and the code is kept
// on the device until sign-up or login has carried it, so a visitor who browses first is still bound.
import { api, call } from "./api.ts";
import { readRef, readToken, writeRef } from "./storage.ts";

const CODE = /^[A-Za-z0-9_-]{4,16}$/;

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

/** Records the visit; a signed-in shopper's binding is decided by the server, so the code is then spent. */
export async function recordReferralVisit(
  code: string,
  path: string = window.location.pathname,
): Promise<void> {
  const product = /^\/products\/(\d+)/.exec(path);
  const body = product
    ? { ref: code, source: "product" as const, productId: Number(product[1]) }
    : /^\/store\//.test(path)
      ? { ref: code, source: "storefront" as const }
      : /^\/(group-buys|groups|group-challenges)\//.test(path)
        ? { ref: code, source: "activity" as const }
        : { ref: code, source: "link" as const };
  const signedIn = readToken() !== null;
  try {
    await call(api.POST("/api/v1/referrals/visit", { body }));
  } catch {
    // an unknown or refused code changes nothing for the shopper
  }
  if (signedIn) forgetReferral();
}
