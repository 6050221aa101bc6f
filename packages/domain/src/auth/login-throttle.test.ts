import { describe, expect, test } from "vitest";
import { computeFailure, decideLoginAttempt, LOGIN_THROTTLE, type ThrottleState } from "./login-throttle.ts";

const T0 = 1_796_292_000_000;
const at = (s: number) => T0 + s * 1000;

function failTimes(times: number[]): ThrottleState | null {
  let state: ThrottleState | null = null;
  for (const t of times) state = computeFailure(state, at(t));
  return state;
}

describe("computeFailure", () => {
  test.each([
    { label: "4 failures in a minute: no wait", times: [0, 10, 20, 30], waitS: null },
    { label: "the 5th failure: 30 s", times: [0, 10, 20, 30, 40], waitS: 30 },
    { label: "the 6th, after the first wait: 60 s", times: [0, 1, 2, 3, 4, 35], waitS: 60 },
    { label: "the 7th: 120 s", times: [0, 1, 2, 3, 4, 35, 100], waitS: 120 },
  ])("$label", ({ times, waitS }) => {
    const state = failTimes(times)!;
    const last = at(times.at(-1)!);
    expect(state.lockedUntilMs === null ? null : (state.lockedUntilMs - last) / 1000).toBe(waitS);
  });

  test("the wait never exceeds the maximum", () => {
    // an attacker who tries again the moment each wait ends
    let state: ThrottleState | null = null;
    let now = at(0);
    for (let i = 0; i < 40; i++) {
      state = computeFailure(state, now);
      now = state.lockedUntilMs ?? now;
    }
    expect(state!.failures).toBe(40);
    expect(state!.lockedUntilMs! - state!.lastFailedAtMs!).toBe(LOGIN_THROTTLE.maxWaitMs);
  });

  test("15 quiet minutes after the last wait forget the count", () => {
    const locked = failTimes([0, 1, 2, 3, 4])!;
    const later = computeFailure(locked, locked.lockedUntilMs! + 15 * 60_000 + 1000);
    expect(later).toMatchObject({ failures: 1, lockedUntilMs: null });
  });
});

describe("decideLoginAttempt", () => {
  test("during the wait: wait, with the seconds left rounded up", () => {
    const state = failTimes([0, 1, 2, 3, 4])!;
    expect(decideLoginAttempt(state, at(4.5))).toEqual({
      kind: "wait",
      untilMs: state.lockedUntilMs,
      retryAfterSeconds: 30,
    });
  });
  test("after the wait, or never failed: try", () => {
    expect(decideLoginAttempt(failTimes([0, 1, 2, 3, 4]), at(34))).toEqual({ kind: "try" });
    expect(decideLoginAttempt(null, at(0))).toEqual({ kind: "try" });
  });
});
