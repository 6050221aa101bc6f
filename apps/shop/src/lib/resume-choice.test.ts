import { describe, expect, test } from "vitest";
import { resumedChoice, resumeLink } from "./resume-choice.ts";
import type { Product } from "./types.ts";

const product = {
  id: 7,
  skus: [
    { id: 70, specValues: ["红", "M"] },
    { id: 71, specValues: ["蓝", "L"] },
  ],
} as unknown as Product;

describe("coming back from the login page", () => {
  test("the link carries SKU, quantity and action, and reads back as the same choice", () => {
    const link = resumeLink(7, 71, 3, "buy");
    expect(link).toBe("/products/7?sku=71&qty=3&then=buy");
    const params = new URL(link, "http://shop").searchParams;
    expect(resumedChoice(product, params)).toEqual({ choice: ["蓝", "L"], quantity: 3, action: "buy" });
  });

  test.each([
    { label: "no choice in the address", query: "" },
    { label: "a SKU of another product", query: "sku=99&qty=1&then=buy" },
    { label: "an unknown action", query: "sku=70&qty=1&then=steal" },
  ])("$label → nothing resumed", ({ query }) => {
    expect(resumedChoice(product, new URLSearchParams(query))).toBeNull();
  });

  test("a silly quantity becomes 1", () => {
    expect(resumedChoice(product, new URLSearchParams("sku=70&qty=-4&then=cart"))?.quantity).toBe(1);
  });
});
