// The in-memory replay guard remembers a bounded number of nonces, oldest forgotten first.

import { expect, test } from "vitest";
import { createNonceCache } from "./nonce-cache.ts";

test("the second sight of a nonce is a replay; capacity bounds memory", () => {
  const cache = createNonceCache(2);
  expect(cache.seen("a")).toBe(false);
  expect(cache.seen("a")).toBe(true);
  expect(cache.seen("b")).toBe(false);
  expect(cache.seen("c")).toBe(false);
  expect(cache.size()).toBe(2);
  expect(cache.seen("a")).toBe(false); // forgotten: by now its timestamp window has closed anyway
  expect(cache.seen("c")).toBe(true); // used again, so "c" outlives "a"
  expect(cache.seen("d")).toBe(false);
  expect(cache.seen("c")).toBe(true);
});
