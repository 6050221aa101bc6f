// Unit tests for the domain; integration tests for the server on PGlite and, when DATABASE_URL is set,
// again on PostgreSQL. Browser tests live in e2e/ with their own config.
import os from "node:os";
import { defineConfig } from "vitest/config";

const serverTest = {
  include: ["packages/server/test/**/*.test.ts", "packages/server/src/**/*.test.ts"],
  globalSetup: ["packages/server/test/global-setup.ts"],
  setupFiles: ["packages/server/test/support/warm-imports.ts"],
  testTimeout: 60_000,
  hookTimeout: 120_000,
  pool: "forks" as const,
  // One module graph per worker: a file no longer re-imports the whole server (imports were ~40% of the
  // suite's time; 25 files went from 281 s to 168 s). Files still get their own database and app; nothing in
  // src keeps per-file state. Cost: a worker's RSS grows to ~3-4 GB over the PGlite files.
  isolate: false,
};

export default defineConfig({
  test: {
    // Vitest's default (cores - 1) gave CI's 2-core machine one worker, and the other core idled through the
    // PGlite files (each worker is one busy thread). Two at least; at most 4, as a worker holds 3-4 GB.
    maxWorkers: Math.min(4, Math.max(2, os.availableParallelism() - 1)),
    projects: [
      // Property tests run hundreds of cases; on a busy 2-core machine one took 5.4 s and hit the 5 s default.
      { test: { name: "domain", include: ["packages/domain/src/**/*.test.ts"], testTimeout: 30_000 } },
      { test: { name: "apps", include: ["apps/*/src/**/*.test.ts"] } },
      { test: { ...serverTest, name: "server", provide: { engine: "pglite" } } },
      ...(process.env.DATABASE_URL
        ? [{ test: { ...serverTest, name: "server-pg", provide: { engine: "postgres" } } }]
        : []),
    ],
  },
});
