// Posts one signed sandbox notification to a notify URL with global fetch and reports what
// the server answered. No URL means nothing to deliver (the caller did not ask to be told).
// A transport, when given, takes the signed notification instead of the network: the server hands
// its own pay page's notification straight to the notify use case (no HTTP request to itself).

import type { SandboxKeys } from "./keys.ts";
import { type SandboxEnvelope, type SignedDelivery, signSandboxNotification } from "./notification.ts";

/** Delivers a signed notification without HTTP and answers as the notify route would. */
export type NotificationTransport = (signed: SignedDelivery) => Promise<{ status: number; body: string }>;

export type Delivery =
  | { delivered: true; status: number; body: string }
  | { delivered: false; reason: "NO_NOTIFY_URL" | "UNREACHABLE" };

export async function deliver(
  url: string | undefined,
  envelope: SandboxEnvelope,
  keys: SandboxKeys,
  options: { now: () => number; timeoutMs: number; transport?: NotificationTransport },
): Promise<Delivery> {
  if (options.transport) {
    const signed = signSandboxNotification(envelope, keys, options.now());
    return { delivered: true, ...(await options.transport(signed)) };
  }
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
