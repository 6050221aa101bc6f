import { expect, test } from "vitest";
import { createSecretBox, maskTail } from "./secret-box.ts";

test("a sealed secret opens with the same key and not with another", () => {
  const box = createSecretBox("k".repeat(32));
  const sealed = box.seal("张三 6222000012345678");
  expect(sealed).not.toContain("6222000012345678");
  expect(box.open(sealed)).toBe("张三 6222000012345678");
  expect(() => createSecretBox("x".repeat(32)).open(sealed)).toThrow();
});

test("a changed byte is detected", () => {
  const box = createSecretBox("k".repeat(32));
  const sealed = box.seal("secret");
  // The second-to-last character always carries data bits; swap it for a different one.
  const at = sealed.length - 2;
  const tampered = `${sealed.slice(0, at)}${sealed[at] === "A" ? "B" : "A"}${sealed.slice(at + 1)}`;
  expect(tampered).not.toBe(sealed);
  expect(() => box.open(tampered)).toThrow();
});

test("masking keeps the last four", () => {
  expect(maskTail("6222000012345678")).toBe("************5678");
  expect(maskTail("abc")).toBe("***");
});
