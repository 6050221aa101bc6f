// Posts one signed sandbox notification to a notify URL with global fetch and reports what
// the server answered. No URL means nothing to deliver (the caller did not ask to be told).

import type { SandboxKeys } from "./keys.ts";
import { type SandboxEnvelope, signSandboxNotification } from "./notification.ts";

export type Delivery =
  | { delivered: true; status: number; body: string }
  | { delivered: false; reason: "NO_NOTIFY_URL" | "UNREACHABLE" };

export async function deliver(
  url: string | undefined,
  envelope: SandboxEnvelope,
  keys: SandboxKeys,
  options: { now: () => number; timeoutMs: number },
): Promise<Delivery> {
  if (!url) return { delivered: false, reason: "NO_NOTIFY_URL" };
  const signed = signSandboxNotification(envelope, keys, options.now());
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: signed.headers,
      body: signed.body,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    return { delivered: true, status: response.status, body: await response.text() };
  } catch {
    return { delivered: false, reason: "UNREACHABLE" };
  }
}
