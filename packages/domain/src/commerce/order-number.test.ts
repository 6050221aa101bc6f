import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { buildOrderNumber, buildShanghaiTimestamp } from "./order-number.ts";

describe("buildShanghaiTimestamp", () => {
  test.each([
    { label: "the worked example, 06:30:25 UTC", epochMs: 1795415425000, expected: "20261123143025" },
    { label: "last second of a leap day", epochMs: 1709222399000, expected: "20240229235959" },
    {
      label: "16:00 UTC is already tomorrow in Shanghai",
      epochMs: 1709222400000,
      expected: "20240301000000",
    },
    { label: "the millennium in Shanghai", epochMs: 946656000000, expected: "20000101000000" },
    { label: "2000 was a leap year", epochMs: 951753600000, expected: "20000229000000" },
    { label: "2100 is not", epochMs: 4107513600000, expected: "21000301000000" },
    { label: "the epoch", epochMs: 0, expected: "19700101080000" },
    { label: "milliseconds are dropped", epochMs: 999, expected: "19700101080000" },
  ])("$label → $expected", ({ epochMs, expected }) => {
    expect(buildShanghaiTimestamp(epochMs)).toBe(expected);
  });

  test("agrees with the platform's Asia/Shanghai calendar since China stopped daylight saving", () => {
    const format = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Asia/Shanghai",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    fc.assert(
      fc.property(fc.integer({ min: 694_224_000_000, max: 7_258_118_400_000 }), (epochMs) => {
        const parts = format.formatToParts(epochMs).filter((p) => p.type !== "literal");
        expect(buildShanghaiTimestamp(epochMs)).toBe(parts.map((p) => p.value).join(""));
      }),
    );
  });
});

describe("buildOrderNumber", () => {
  test("time to the second, then the digits", () => {
    expect(buildOrderNumber(1795415425000, "12345678")).toBe("2026112314302512345678");
  });
  test("leading zeros of the digits are kept", () => {
    expect(buildOrderNumber(0, "0007")).toBe("197001010800000007");
  });
  test.each(["", "12a4", "-1", "1234567890123456789"])("digits %j are refused", (digits) => {
    expect(() => buildOrderNumber(0, digits)).toThrow(RangeError);
  });
});
