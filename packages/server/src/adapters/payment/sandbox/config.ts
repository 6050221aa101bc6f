// What the sandbox provider needs: nothing, by default. It makes its own signing key at
// startup unless given one (so notifications survive a restart with a stable key).

export type SandboxConfig = {
  /** An Ed25519 or RSA private key PEM; generated (Ed25519) when absent. */
  privateKeyPem?: string;
  /** Our merchant id inside sandbox notifications; a notification naming another is rejected. */
  merchantId?: string;
  /** Path (or absolute URL) of the shop's hosted pay page. */
  payPagePath?: string;
  /** Where notifications go when the call did not name a notify URL (e.g. after a restart). */
  notifyUrls?: { payment?: string; refund?: string; payout?: string };
  /** How long a notification POST may take before the delivery counts as failed. */
  timeoutMs?: number;
};

export const SANDBOX_DEFAULTS = {
  merchantId: "sandbox-merchant",
  payPagePath: "/pay/sandbox",
  timeoutMs: 5_000,
  /** Test hook: refunds and payouts whose amount ends in 99 fen fail. */
  failingFenSuffix: 99,
} as const;
