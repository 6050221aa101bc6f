import { expect, test } from "vitest";
import { formatTime } from "./time.ts";

test.each([
  {
    label: "a UTC afternoon is the Shanghai evening",
    value: "2026-12-01T11:10:39Z",
    expected: "2026-12-01 19:10:39",
  },
  {
    label: "late UTC evening is the next Shanghai day",
    value: "2026-12-31T16:05:09Z",
    expected: "2027-01-01 00:05:09",
  },
  { label: "no time is a dash", value: null, expected: "—" },
])("$label → $expected", ({ value, expected }) => {
  expect(formatTime(value)).toBe(expected);
});
