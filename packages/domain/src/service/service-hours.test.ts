import { describe, expect, test } from "vitest";
import { decideDeskState, describeOpening } from "./service-hours.ts";

const everyDay = { open: "09:00", close: "21:00", days: [0, 1, 2, 3, 4, 5, 6] };
// 2026-11-23 is a Monday; 02:00Z is 10:00 CST
/** 2026-11-23 00:00 CST (1795363200000 ms); `cst(24, "09:00")` is 09:00 CST the next day. */
const CST_23 = 1795363200000;
const cst = (day: number, time: string) => {
  const [h = 0, m = 0] = time.split(":").map(Number);
  return { getTime: () => CST_23 + (day - 23) * 86_400_000 + (h * 60 + m) * 60_000 };
};

describe("service desk hours (CST)", () => {
  test.each([
    { label: "10:00 on a working day → open", at: cst(23, "10:00"), hours: everyDay, opens: null },
    { label: "09:00 sharp → open", at: cst(23, "09:00"), hours: everyDay, opens: null },
    {
      label: "21:00 sharp → closed until 09:00 tomorrow",
      at: cst(23, "21:00"),
      hours: everyDay,
      opens: cst(24, "09:00"),
    },
    {
      label: "07:30 → closed until 09:00 today",
      at: cst(23, "07:30"),
      hours: everyDay,
      opens: cst(23, "09:00"),
    },
    {
      label: "Saturday on a weekdays-only desk → Monday 09:00",
      at: cst(28, "11:00"),
      hours: { ...everyDay, days: [1, 2, 3, 4, 5] },
      opens: cst(30, "09:00"),
    },
    {
      label: "a night shift 20:00–02:00 at 01:00 → open (yesterday's shift)",
      at: cst(24, "01:00"),
      hours: { open: "20:00", close: "02:00", days: [0, 1, 2, 3, 4, 5, 6] },
      opens: null,
    },
  ])("$label", ({ at, hours, opens }) => {
    const state = decideDeskState(at.getTime(), hours);
    expect(state).toEqual(opens ? { kind: "closed", opensAtMs: opens.getTime() } : { kind: "open" });
  });

  test("describes the next opening as today, tomorrow or later", () => {
    expect(describeOpening(cst(24, "09:00").getTime(), cst(23, "22:00").getTime())).toEqual({
      time: "09:00",
      day: "tomorrow",
    });
    expect(describeOpening(cst(23, "09:00").getTime(), cst(23, "07:00").getTime())).toEqual({
      time: "09:00",
      day: "today",
    });
    expect(describeOpening(cst(30, "09:00").getTime(), cst(28, "07:00").getTime())).toEqual({
      time: "09:00",
      day: "later",
    });
  });
});
