// Browser tests: real servers on fresh embedded databases, driven by Debian's chromium. Two files run at once,
// each on its own worker's server (support/server.ts): one file at a time left a core of CI's two idle.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["support/server.ts"],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    // A worker loads playwright-core and the support modules once, not once per file (3-4 s a file on the busy
    // machine). Each file still has its own module scope, browser and shopper; support/ keeps no state but the
    // worker's server address.
    isolate: false,
  },
});
