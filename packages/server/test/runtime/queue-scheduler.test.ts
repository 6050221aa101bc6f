// The sweeps' schedulers: on PostgreSQL two processes' pg-boss schedulers run a sweep once per period
// between them (not once each) and never at the same time; on the embedded engine timers run it in-process.
import { describe, expect, it } from "vitest";
import { parseJobPeriods } from "../../src/config.ts";
import type { Job } from "../../src/jobs/job.ts";
import { startScheduler } from "../../src/jobs/scheduler.ts";
import { startTestApp } from "../support/test-app.ts";
import { createTestDatabase, onPostgres } from "../support/test-database.ts";

const ctx = await startTestApp();
const quiet = () => {};

/** A sweep that counts its runs and notes whether two ever overlapped. */
function countingJob(everyMs: number, tookMs: number) {
  const seen = { runs: 0, running: 0, overlapped: false };
  const job: Job = {
    name: `count-${everyMs}-${Math.random().toString(36).slice(2, 8)}`,
    everyMs,
    async run() {
      seen.runs++;
      if (++seen.running > 1) seen.overlapped = true;
      await new Promise((resolve) => setTimeout(resolve, tookMs));
      seen.running--;
      return 0;
    },
  };
  return { job, seen };
}

describe.skipIf(!onPostgres)("on PostgreSQL (pg-boss)", () => {
  it("two processes run a 1-second sweep about once a second between them, never at once", async () => {
    const database = await createTestDatabase();
    const url = database.url!;
    const deps = { ...ctx.deps, database, db: database.db, config: { ...ctx.deps.config, databaseUrl: url } };
    const { job, seen } = countingJob(1000, 300);
    const a = await startScheduler(deps, { jobs: [job], log: quiet });
    const b = await startScheduler(deps, { jobs: [job], log: quiet });
    await new Promise((resolve) => setTimeout(resolve, 5500));
    await Promise.all([a.stop(), b.stop()]);
    await database.close();
    // 5 periods: each timer offers 5 times (10 offers), pg-boss keeps one per second slot.
    expect(seen.runs).toBeGreaterThanOrEqual(3);
    expect(seen.runs).toBeLessThanOrEqual(6);
    expect(seen.overlapped).toBe(false);
  });
});

describe.skipIf(onPostgres)("on the embedded engine (timers)", () => {
  it("runs each sweep every period in the one process, never overlapping itself", async () => {
    const { job, seen } = countingJob(100, 250);
    const scheduler = await startScheduler(ctx.deps, { jobs: [job], log: quiet });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await scheduler.stop();
    expect(seen.runs).toBeGreaterThanOrEqual(2);
    expect(seen.runs).toBeLessThanOrEqual(4);
    expect(seen.overlapped).toBe(false);
  });

  it("JOB_EVERY_MS replaces a sweep's period; a name that is no sweep or a period under 100 ms is refused", async () => {
    const { job, seen } = countingJob(60_000, 10);
    const config = { ...ctx.deps.config, jobEveryMs: parseJobPeriods(`${job.name}=100`) };
    const scheduler = await startScheduler({ ...ctx.deps, config }, { jobs: [job], log: quiet });
    await new Promise((resolve) => setTimeout(resolve, 550));
    await scheduler.stop();
    expect(seen.runs).toBeGreaterThanOrEqual(3);
    const typo = { ...ctx.deps.config, jobEveryMs: parseJobPeriods("release-comissions=1000") };
    await expect(startScheduler({ ...ctx.deps, config: typo }, { log: quiet })).rejects.toThrow(
      "names no sweep: release-comissions",
    );
    expect(() => parseJobPeriods("release-commissions=10")).toThrow("at least 100");
    expect(() => parseJobPeriods("release-commissions")).toThrow("name=milliseconds");
    expect(parseJobPeriods(" release-commissions=1000, roll-up-tracking=500 ,")).toEqual({
      "release-commissions": 1000,
      "roll-up-tracking": 500,
    });
  });
});
