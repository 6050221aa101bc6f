import { describe, expect, test } from "vitest";
import { buildDueDates } from "./due-dates.ts";

const placed = 1795415425000; // 2026-11-23 14:30:25 Shanghai
const MIN = 60_000;
const DAY = 86_400_000;

describe("buildDueDates", () => {
  test.each([
    {
      label: "unpaid order closes after 30 minutes",
      due: buildDueDates().closeDueAt(placed),
      expected: placed + 30 * MIN,
    },
    {
      label: "shipped order is received after 10 days",
      due: buildDueDates().autoReceiveDueAt(placed),
      expected: placed + 10 * DAY,
    },
    {
      label: "received order completes after 7 days",
      due: buildDueDates().completeDueAt(placed),
      expected: placed + 7 * DAY,
    },
    {
      label: "a merchant with a 15-minute timeout",
      due: buildDueDates({ paymentTimeoutMinutes: 15 }).closeDueAt(placed),
      expected: placed + 15 * MIN,
    },
    {
      label: "a 15-day after-sale window",
      due: buildDueDates({ afterSaleWindowDays: 15 }).completeDueAt(placed),
      expected: placed + 15 * DAY,
    },
    {
      label: "a zero window completes at once",
      due: buildDueDates({ afterSaleWindowDays: 0 }).completeDueAt(placed),
      expected: placed,
    },
  ])("$label", ({ due, expected }) => {
    expect(due).toBe(expected);
  });

  test.each([{ paymentTimeoutMinutes: -1 }, { autoConfirmDays: 1.5 }])("refuses settings %j", (settings) => {
    expect(() => buildDueDates(settings)).toThrow(RangeError);
  });

  test("refuses a fractional instant", () => {
    expect(() => buildDueDates().closeDueAt(1.5)).toThrow(RangeError);
  });
});
