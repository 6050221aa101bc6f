// The payout used when no payment rail is configured: every transfer succeeds at once. For demos and
// tests only; a real deployment passes `deps.payouts` from the payments area.
import type { Payouts } from "../../deps.ts";

export const sandboxPayouts: Payouts = {
  async send() {
    return { status: "succeeded" };
  },
  async query() {
    return { status: "succeeded" };
  },
};
