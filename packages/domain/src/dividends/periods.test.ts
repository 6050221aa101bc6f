import { describe, expect, test } from "vitest";
import { decideRunPeriod, periodFromKey, periodOf } from "./periods.ts";

// biome-ignore lint/style/noRestrictedGlobals: the test names instants by their Shanghai wall clock
const shanghai = (iso: string) => Date.parse(`${iso}+08:00`);

describe("periods in Asia/Shanghai", () => {
  test.each([
    {
      kind: "day" as const,
      at: "2026-12-03T00:30:00",
      key: "2026-12-03",
      start: "2026-12-03T00:00:00",
      end: "2026-12-04T00:00:00",
    },
    {
      kind: "week" as const,
      at: "2026-12-03T12:00:00",
      key: "2026-W49",
      start: "2026-11-30T00:00:00",
      end: "2026-12-07T00:00:00",
    },
    {
      kind: "month" as const,
      at: "2026-12-31T23:59:59",
      key: "2026-12",
      start: "2026-12-01T00:00:00",
      end: "2027-01-01T00:00:00",
    },
    {
      kind: "quarter" as const,
      at: "2026-11-15T08:00:00",
      key: "2026-Q4",
      start: "2026-10-01T00:00:00",
      end: "2027-01-01T00:00:00",
    },
    {
      kind: "year" as const,
      at: "2026-01-01T00:00:00",
      key: "2026",
      start: "2026-01-01T00:00:00",
      end: "2027-01-01T00:00:00",
    },
  ])("$kind of $at is $key", ({ kind, at, key, start, end }) => {
    const p = periodOf(kind, shanghai(at));
    expect(p).toEqual({ kind, key, startMs: shanghai(start), endMs: shanghai(end) });
    expect(periodFromKey(kind, key)).toEqual(p);
  });

  test("keys that name no period are refused", () => {
    expect(periodFromKey("day", "2026-02-30")).toBeNull();
    expect(periodFromKey("month", "2026-13")).toBeNull();
    expect(periodFromKey("week", "2026-W54")).toBeNull();
  });

  test("a run may count only a period that has ended", () => {
    expect(decideRunPeriod("day", "2026-12-03", shanghai("2026-12-03T12:00:00"))).toEqual({
      kind: "refuse",
      reason: "PERIOD_NOT_ENDED",
    });
    expect(decideRunPeriod("day", "2026-12-03", shanghai("2026-12-04T00:00:00")).kind).toBe("ok");
    expect(decideRunPeriod("day", "yesterday", 0)).toEqual({ kind: "refuse", reason: "PERIOD_INVALID" });
  });
});
