// An in-memory, bounded replay guard for notification nonces (the `SeenNonce` hook).
// Good for tests and a single process; with several API processes the nonce must be recorded in
// the database (a unique row) instead, or replays that land on another process slip through.
// Entries older than the signature window are useless (the timestamp check already rejects them),
// so the cache only needs to hold about "notifications per 10 minutes" entries.

import type { SeenNonce } from "./provider.ts";

export type NonceCache = { seen: SeenNonce; size(): number };

/** A least-recently-used cache of nonces; `seen(n)` is true the second time n is offered. */
export function createNonceCache(capacity = 10_000): NonceCache {
  const entries = new Set<string>();
  return {
    seen(nonce: string): boolean {
      if (entries.has(nonce)) {
        // Re-insert so a nonce still being replayed stays remembered.
        entries.delete(nonce);
        entries.add(nonce);
        return true;
      }
      entries.add(nonce);
      // A Set iterates in insertion order, so the first value is the least recently used.
      if (entries.size > capacity) {
        const oldest = entries.values().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      return false;
    },
    size: () => entries.size,
  };
}
