import { describe, expect, test } from "vitest";
import { normalizeTrackingNo, resolveCarrier } from "./carriers.ts";
import { type CarrierAnswer, decideSignedAutoReceive, planTrackRefresh, type TrackFacts } from "./route.ts";
import { sandboxRoute } from "./sandbox-route.ts";

const H = 3_600_000;
const DAY = 24 * H;
const policy = { refreshMs: 2 * H, giveUpAfterMs: 30 * DAY };
/** 2026-12-01T02:00:00Z */
const shipped = 1_796_090_400_000;
const now = shipped + 5 * H;
const track = (over: Partial<TrackFacts> = {}): TrackFacts => ({
  state: "pending",
  events: [],
  failures: 0,
  shippedAtMs: shipped,
  ...over,
});
const ev = (hours: number, text: string) => ({ atMs: shipped + hours * H, text });

describe("carriers and tracking numbers", () => {
  test.each([
    { label: "the ship form's name", typed: "顺丰速运", code: "shunfeng" },
    { label: "a short name", typed: "中通", code: "zhongtong" },
    { label: "latin, any case, spaced", typed: " S F ", code: "shunfeng" },
    { label: "full-width letters", typed: "ＥＭＳ", code: "ems" },
    { label: "a code", typed: "jtexpress", code: "jtexpress" },
  ])("$label ($typed) → $code", ({ typed, code }) => {
    expect(resolveCarrier(typed)?.code).toBe(code);
  });
  test("a carrier nobody can ask about is null", () => {
    expect(resolveCarrier("同城闪送")).toBeNull();
  });
  test.each([
    { raw: " sf 1234 5678 ", normal: "SF12345678" },
    { raw: "yt\u30009876543210", normal: "YT9876543210" },
    { raw: "ＳＦ１２３４", normal: "SF1234" },
  ])("$raw → $normal", ({ raw, normal }) => {
    expect(normalizeTrackingNo(raw)).toBe(normal);
  });
});

describe("a refresh of a parcel's route", () => {
  test.each<{ label: string; answer: CarrierAnswer; before?: Partial<TrackFacts>; expected: object }>([
    {
      label: "first route: in transit, asked again after the refresh interval",
      answer: { kind: "route", state: "in_transit", events: [ev(1, "揽收"), ev(3, "到达转运中心")] },
      expected: {
        state: "in_transit",
        dueAtMs: now + 2 * H,
        failures: 0,
        lastError: null,
        justSigned: false,
      },
    },
    {
      label: "signed for: no more questions, signed at the newest event",
      answer: { kind: "route", state: "signed", events: [ev(4, "已签收"), ev(1, "揽收")] },
      before: { state: "in_transit" },
      expected: { state: "signed", dueAtMs: null, signedAtMs: shipped + 4 * H, justSigned: true },
    },
    {
      label: "returned: no more questions",
      answer: { kind: "route", state: "returned", events: [ev(4, "退回")] },
      expected: { state: "returned", dueAtMs: null, justSigned: false },
    },
    {
      label: "nothing at the carrier yet: still pending, asked again",
      answer: { kind: "not_found" },
      expected: { state: "pending", dueAtMs: now + 2 * H, lastError: null },
    },
    {
      label: "timeout: the route kept, asked again after the interval",
      answer: { kind: "failed", reason: "timeout" },
      before: { state: "in_transit", events: [ev(1, "揽收")] },
      expected: {
        state: "in_transit",
        events: [ev(1, "揽收")],
        failures: 1,
        lastError: "timeout",
        dueAtMs: now + 2 * H,
      },
    },
    {
      label: "third failure in a row: the pause doubles twice",
      answer: { kind: "failed", reason: "malformed" },
      before: { failures: 2 },
      expected: { failures: 3, lastError: "malformed", dueAtMs: now + 8 * H },
    },
    {
      label: "many failures: at most a day's pause",
      answer: { kind: "failed", reason: "unavailable" },
      before: { failures: 20 },
      expected: { dueAtMs: now + DAY },
    },
    {
      label: "a carrier nobody can ask: not asked again",
      answer: { kind: "failed", reason: "unsupported_carrier" },
      expected: { lastError: "unsupported_carrier", dueAtMs: null },
    },
  ])("$label", ({ answer, before, expected }) => {
    expect(planTrackRefresh(track(before), answer, now, policy)).toMatchObject(expected);
  });

  test("the route is kept newest first and each event once", () => {
    const answer: CarrierAnswer = {
      kind: "route",
      state: "delivering",
      events: [ev(1, "揽收"), ev(3, "派送中"), ev(1, "揽收")],
    };
    expect(planTrackRefresh(track(), answer, now, policy).events).toEqual([ev(3, "派送中"), ev(1, "揽收")]);
  });

  test("a parcel 30 days on the road is no longer asked about", () => {
    const late = shipped + 30 * DAY;
    const answer: CarrierAnswer = { kind: "route", state: "in_transit", events: [ev(1, "揽收")] };
    expect(planTrackRefresh(track(), answer, late, policy).dueAtMs).toBeNull();
  });
});

describe("signed for brings auto-receive forward", () => {
  const due = shipped + 10 * DAY;
  const signedAt = shipped + DAY;
  test.each([
    {
      label: "switched on, the one parcel signed: due 3 days after signing",
      enabled: true,
      parcels: [{ state: "signed" as const, signedAtMs: signedAt }],
      expected: { kind: "advance", dueAtMs: signedAt + 3 * DAY },
    },
    {
      label: "switched off",
      enabled: false,
      parcels: [{ state: "signed" as const, signedAtMs: signedAt }],
      expected: { kind: "keep", reason: "SWITCHED_OFF" },
    },
    {
      label: "one of two parcels still on the road",
      enabled: true,
      parcels: [
        { state: "signed" as const, signedAtMs: signedAt },
        { state: "in_transit" as const, signedAtMs: null },
      ],
      expected: { kind: "keep", reason: "NOT_ALL_SIGNED" },
    },
  ])("$label", ({ enabled, parcels, expected }) => {
    expect(decideSignedAutoReceive({ enabled, daysAfterSigned: 3, parcels, currentDueAtMs: due })).toEqual(
      expected,
    );
  });
  test("an order already due sooner keeps its date", () => {
    const sooner = signedAt + DAY;
    expect(
      decideSignedAutoReceive({
        enabled: true,
        daysAfterSigned: 3,
        parcels: [{ state: "signed", signedAtMs: signedAt }],
        currentDueAtMs: sooner,
      }),
    ).toEqual({ kind: "keep", reason: "ALREADY_SOONER" });
  });
});

describe("the sandbox carrier", () => {
  test("moves one step per interval and ends signed for", () => {
    expect(sandboxRoute(shipped, shipped + 30_000, 60_000)).toEqual({ kind: "not_found" });
    const mid = sandboxRoute(shipped, shipped + 150_000, 60_000);
    expect(mid).toMatchObject({ kind: "route", state: "in_transit" });
    expect(mid.kind === "route" && mid.events).toHaveLength(2);
    const end = sandboxRoute(shipped, shipped + 3_600_000, 60_000);
    expect(end).toMatchObject({ kind: "route", state: "signed" });
    expect(end.kind === "route" && end.events[0]!.text).toContain("签收");
  });
});
