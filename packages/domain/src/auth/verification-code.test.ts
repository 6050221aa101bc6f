import { describe, expect, test } from "vitest";
import { decideCheck, decideSend, VERIFICATION_CODE } from "./verification-code.ts";

const NOW = 1_796_292_000_000;
const s = (seconds: number) => NOW - seconds * 1000;
const limits = { perPhonePerDay: 3, perIpPerDay: 5 };
const HOUR = 3600;

describe("decideSend", () => {
  test.each([
    { label: "first code", phone: [], ip: [], expected: { kind: "send" } },
    {
      label: "20 s after the last one: wait 40 s",
      phone: [s(20)],
      ip: [s(20)],
      expected: { kind: "refuse", reason: "RESEND_TOO_SOON", retryAfterSeconds: 40 },
    },
    { label: "61 s after the last one", phone: [s(61)], ip: [s(61)], expected: { kind: "send" } },
    {
      label: "3 to this phone today: wait until the oldest is a day old",
      phone: [s(10 * HOUR), s(5 * HOUR), s(HOUR)],
      ip: [],
      expected: { kind: "refuse", reason: "PHONE_DAILY_LIMIT", retryAfterSeconds: 14 * HOUR },
    },
    {
      label: "3 to this phone, the oldest 25 hours ago: allowed",
      phone: [s(25 * HOUR), s(5 * HOUR), s(HOUR)],
      ip: [],
      expected: { kind: "send" },
    },
    {
      label: "5 from this address today (other phones)",
      phone: [],
      ip: [s(20 * HOUR), s(4 * HOUR), s(3 * HOUR), s(2 * HOUR), s(HOUR)],
      expected: { kind: "refuse", reason: "IP_DAILY_LIMIT", retryAfterSeconds: 4 * HOUR },
    },
  ])("$label", ({ phone, ip, expected }) => {
    expect(decideSend({ phoneSentAtMs: phone, ipSentAtMs: ip }, NOW, limits)).toEqual(expected);
  });
});

describe("decideCheck", () => {
  const fresh = { sentAtMs: s(60), attempts: 0, consumed: false };
  test.each([
    { label: "right code within 5 minutes", stored: fresh, matches: true, expected: { kind: "accept" } },
    {
      label: "wrong code: 4 tries left",
      stored: fresh,
      matches: false,
      expected: { kind: "wrong", attemptsLeft: 4 },
    },
    {
      label: "the 5th wrong try: none left",
      stored: { ...fresh, attempts: 4 },
      matches: false,
      expected: { kind: "wrong", attemptsLeft: 0 },
    },
    {
      label: "after 5 wrong tries even the right code is refused",
      stored: { ...fresh, attempts: 5 },
      matches: true,
      expected: { kind: "reject", reason: "ATTEMPTS_EXCEEDED" },
    },
    {
      label: "exactly 5 minutes old: expired",
      stored: { ...fresh, sentAtMs: NOW - VERIFICATION_CODE.ttlMs },
      matches: true,
      expected: { kind: "reject", reason: "EXPIRED" },
    },
    {
      label: "already used",
      stored: { ...fresh, consumed: true },
      matches: true,
      expected: { kind: "reject", reason: "NO_CODE" },
    },
    { label: "never sent", stored: null, matches: false, expected: { kind: "reject", reason: "NO_CODE" } },
  ])("$label", ({ stored, matches, expected }) => {
    expect(decideCheck(stored, matches, NOW)).toEqual(expected);
  });
});
