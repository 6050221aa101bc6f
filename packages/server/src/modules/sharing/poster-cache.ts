// Rendered posters kept by a hash of everything drawn on them (template, texts, price, picture keys, link,
// code kind): the same inputs answer from memory, a changed price or picture draws anew. Bounded by bytes;
// the least recently used poster goes first.
import { createHash } from "node:crypto";

export type PosterCache = {
  get(key: string): Buffer | undefined;
  set(key: string, png: Buffer): void;
  readonly size: number;
};

export function posterCacheKey(inputs: unknown): string {
  return createHash("sha256").update(JSON.stringify(inputs)).digest("hex");
}

export function createPosterCache(maxBytes = 64 * 1024 * 1024): PosterCache {
  const entries = new Map<string, Buffer>();
  let bytes = 0;
  return {
    get(key) {
      const png = entries.get(key);
      if (png) {
        // a Map iterates in insertion order: re-inserting marks the entry as the most recently used
        entries.delete(key);
        entries.set(key, png);
      }
      return png;
    },
    set(key, png) {
      if (entries.has(key)) return;
      entries.set(key, png);
      bytes += png.length;
      for (const [oldest, old] of entries) {
        if (bytes <= maxBytes) break;
        entries.delete(oldest);
        bytes -= old.length;
      }
    },
    get size() {
      return entries.size;
    },
  };
}
