// A parcel's route as the shop keeps it, and what a refresh of it decides: the new state, when to ask the
// carrier again (never once the parcel is signed for or returned), and whether it was just signed for.

/** pending: shipped, the carrier has nothing yet; the rest as the carrier reports. */
export type ParcelState = "pending" | "in_transit" | "delivering" | "signed" | "problem" | "returned";

/** One scan of the parcel: when (epoch ms) and what the carrier says. */
export type RouteEvent = { atMs: number; text: string };

/** Why the last question to the carrier got no route: the shop keeps what it had and asks again later. */
export type CarrierFailure = "timeout" | "malformed" | "rejected" | "unavailable" | "unsupported_carrier";

export type CarrierAnswer =
  | { kind: "route"; state: ParcelState; events: RouteEvent[] }
  | { kind: "not_found" }
  | { kind: "failed"; reason: CarrierFailure; detail?: string };

export type TrackFacts = {
  state: ParcelState;
  events: RouteEvent[];
  failures: number;
  shippedAtMs: number;
};

export type TrackPolicy = {
  /** How often a parcel in transit is asked about again. */
  refreshMs: number;
  /** After this long since shipping, a parcel not yet signed for is no longer asked about. */
  giveUpAfterMs: number;
};

export type TrackRefresh = {
  state: ParcelState;
  events: RouteEvent[];
  failures: number;
  lastError: CarrierFailure | null;
  /** Null: done (signed for, returned, given up, or a carrier nobody can ask). */
  dueAtMs: number | null;
  signedAtMs: number | null;
  justSigned: boolean;
};

const DAY_MS = 86_400_000;
const finished = (state: ParcelState) => state === "signed" || state === "returned";

/** Newest first, each event once: carriers answer with the whole route each time, in either order. */
function ordered(events: RouteEvent[]): RouteEvent[] {
  const seen = new Set<string>();
  const unique = events.filter((e) => {
    const k = `${e.atMs}|${e.text}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return unique.sort((a, b) => b.atMs - a.atMs);
}

/**
 * What one answer from the carrier does to a parcel's track. A route replaces the one kept; a failure keeps
 * it and asks again after a doubling pause (at most a day); signed for or returned stops the questions.
 * Example: in transit, answer "signed" at 10:00 → state signed, dueAtMs null, justSigned true.
 */
export function planTrackRefresh(
  track: TrackFacts,
  answer: CarrierAnswer,
  nowMs: number,
  policy: TrackPolicy,
): TrackRefresh {
  const expired = nowMs - track.shippedAtMs >= policy.giveUpAfterMs;
  const next = (state: ParcelState) => (finished(state) || expired ? null : nowMs + policy.refreshMs);
  if (answer.kind === "failed") {
    const failures = track.failures + 1;
    const pause = Math.min(DAY_MS, policy.refreshMs * 2 ** (failures - 1));
    const stop = answer.reason === "unsupported_carrier" || expired;
    return {
      state: track.state,
      events: track.events,
      failures,
      lastError: answer.reason,
      dueAtMs: stop ? null : nowMs + pause,
      signedAtMs: null,
      justSigned: false,
    };
  }
  if (answer.kind === "not_found") {
    return {
      state: track.state,
      events: track.events,
      failures: 0,
      lastError: null,
      dueAtMs: next(track.state),
      signedAtMs: null,
      justSigned: false,
    };
  }
  const events = ordered(answer.events);
  const signed = answer.state === "signed";
  const newest = events[0]?.atMs ?? nowMs;
  return {
    state: answer.state,
    events,
    failures: 0,
    lastError: null,
    dueAtMs: next(answer.state),
    signedAtMs: signed ? newest : null,
    justSigned: signed && track.state !== "signed",
  };
}

export type SignedAutoReceive =
  | { kind: "advance"; dueAtMs: number }
  | { kind: "keep"; reason: "SWITCHED_OFF" | "NOT_ALL_SIGNED" | "ALREADY_SOONER" };

/**
 * Whether the carrier's "signed for" brings the order's auto-receive forward (the merchant's switch): once
 * every parcel is signed for, the order counts as received `days` after the last signature, unless that is
 * later than it already would. Example: signed 1 Dec 10:00, 3 days, due 10 Dec → due 4 Dec 10:00.
 */
export function decideSignedAutoReceive(input: {
  enabled: boolean;
  daysAfterSigned: number;
  parcels: { state: ParcelState; signedAtMs: number | null }[];
  currentDueAtMs: number | null;
}): SignedAutoReceive {
  if (!input.enabled) return { kind: "keep", reason: "SWITCHED_OFF" };
  const signedAt = input.parcels.map((p) => (p.state === "signed" ? p.signedAtMs : null));
  if (signedAt.length === 0 || signedAt.some((at) => at === null))
    return { kind: "keep", reason: "NOT_ALL_SIGNED" };
  const dueAtMs = Math.max(...(signedAt as number[])) + input.daysAfterSigned * DAY_MS;
  if (input.currentDueAtMs !== null && input.currentDueAtMs <= dueAtMs)
    return { kind: "keep", reason: "ALREADY_SOONER" };
  return { kind: "advance", dueAtMs };
}
