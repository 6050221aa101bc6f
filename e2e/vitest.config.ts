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
  },
});
