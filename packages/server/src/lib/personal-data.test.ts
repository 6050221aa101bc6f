import { describe, expect, test } from "vitest";
import { maskPhone } from "./personal-data.ts";

describe("maskPhone", () => {
  test.each([
    { label: "mainland mobile", phone: "13800000001", masked: "138****0001" },
    { label: "landline with area code", phone: "075512345678", masked: "075****5678" },
    { label: "eight digits", phone: "12345678", masked: "123****5678" },
    { label: "five digits keep the last two", phone: "95588", masked: "***88" },
    { label: "two digits hide both", phone: "12", masked: "**" },
  ])("$label: $phone → $masked", ({ phone, masked }) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  test("no phone stays no phone", () => {
    expect(maskPhone(null)).toBeNull();
  });

  test("never shows more than seven of a mobile's eleven digits", () => {
    for (const phone of ["13912345678", "18600001111", "15011112222"]) {
      const shown = maskPhone(phone).replace(/\*/g, "");
      expect(shown.length).toBeLessThanOrEqual(7);
    }
  });
});
