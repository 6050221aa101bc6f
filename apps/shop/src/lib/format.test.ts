import { describe, expect, test } from "vitest";
import { formatTime, maskPhone } from "./format.ts";

describe("formatTime", () => {
  test.each([
    {
      label: "a UTC afternoon is the Shanghai evening",
      value: "2026-12-01T11:10:39Z",
      expected: "2026-12-01 19:10",
    },
    {
      label: "late UTC evening is the next Shanghai day",
      value: "2026-12-31T16:05:00Z",
      expected: "2027-01-01 00:05",
    },
    {
      label: "PostgreSQL's text form reads the same",
      value: "2026-12-01 11:02:07.546+00",
      expected: "2026-12-01 19:02",
    },
    { label: "nothing shows nothing", value: null, expected: "" },
    { label: "garbage shows nothing", value: "not a date", expected: "" },
  ])("$label → $expected", ({ value, expected }) => {
    expect(formatTime(value)).toBe(expected);
  });
});

test("maskPhone keeps the first three and last four digits", () => {
  expect(maskPhone("13800000001")).toBe("138****0001");
});
