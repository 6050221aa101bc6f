// Browser tests: real servers on embedded databases freshly made with the demo data, driven by Debian's
// chromium. Two files run at once, each on its own worker's server and chromium (support/global-setup.ts): one
// file at a time left a core of CI's two idle.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["support/global-setup.ts"],
    setupFiles: ["support/failure-screenshots.ts"],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    // A worker loads playwright-core and the support modules once, not once per file (3-4 s a file on the busy
    // machine). Each file still has its own module scope, browser connection and shopper; support/ keeps no
    // state but the worker's server address and the running file's browser connection.
    isolate: false,
  },
});
