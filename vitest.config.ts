// Unit tests for the domain; integration tests for the server on PGlite and, when DATABASE_URL is set,
// again on PostgreSQL. Browser tests live in e2e/ with their own config.
import os from "node:os";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Files that take a minute or more of one worker. They start first within their project: ordered by size (a
 * fresh clone has no timings cached), the four-line fuzz files came last and ran alone at the end of each
 * project while the other worker idled.
 */
const SLOW_FILES = [
  /hardening\/fuzz-\d+\.test\.ts$/,
  /runtime\/crash\.test\.ts$/,
  /runtime\/two-processes\.test\.ts$/,
];

/** Vitest's order (projects one after another; cached timings, else size), with the slow files first in each. */
class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const projects = [...new Set(sorted.map((s) => s.project.name))];
    const slow = (s: TestSpecification) => (SLOW_FILES.some((file) => file.test(s.moduleId)) ? 0 : 1);
    // a stable sort: the rest keep vitest's order, and a project's files stay together (a worker changing
    // project starts a new process and loads the server's modules again)
    return sorted.sort(
      (a, b) => projects.indexOf(a.project.name) - projects.indexOf(b.project.name) || slow(a) - slow(b),
    );
  }
}

/** The engines the server suite runs on in this run; a file may share its cases between them (the fuzz test). */
const engines: Array<"pglite" | "postgres"> = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

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
    sequence: { sequencer: SlowFilesFirst },
    // Vitest's default (cores - 1) gave CI's 2-core machine one worker, and the other core idled through the
    // PGlite files (each worker is one busy thread). Two at least; at most 4, as a worker holds 3-4 GB.
    maxWorkers: Math.min(4, Math.max(2, os.availableParallelism() - 1)),
    projects: [
      // Property tests run hundreds of cases; on a busy 2-core machine one took 5.4 s and hit the 5 s default.
      { test: { name: "domain", include: ["packages/domain/src/**/*.test.ts"], testTimeout: 30_000 } },
      { test: { name: "apps", include: ["apps/*/src/**/*.test.ts"] } },
      { test: { ...serverTest, name: "server", provide: { engine: "pglite", engines } } },
      ...(process.env.DATABASE_URL
        ? [{ test: { ...serverTest, name: "server-pg", provide: { engine: "postgres", engines } } }]
        : []),
    ],
  },
});
