// The generated owner password: letters and digits only, so nothing at its edges reads as formatting.
import { expect, test } from "vitest";
import { generatePassword } from "./password.ts";

test("generated passwords are 18 letters and digits, never punctuation, and differ", () => {
  const many = Array.from({ length: 500 }, () => generatePassword());
  for (const password of many) expect(password).toMatch(/^[A-Za-z0-9]{18}$/);
  expect(new Set(many).size).toBe(500);
});
