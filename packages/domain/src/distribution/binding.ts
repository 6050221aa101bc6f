// Whether opening a distributor's link (or signing up through it) binds the shopper to that distributor
// (锁客), keeps the current upline, or is refused. Never binds a user to themself, never makes a cycle.

const DAY_MS = 86_400_000;

export interface BindingPolicy {
  /** no_upline_only: first bind wins; new_shoppers_only: only at sign-up; override_each_link: latest link wins once protection ends. */
  who: "no_upline_only" | "new_shoppers_only" | "override_each_link";
  /** null = permanent; N = the binding expires N days after it was made (or last extended). */
  durationDays: number | null;
  /** In override mode, how long a fresh binding cannot be taken by another link (default 30). */
  protectionDays: number;
  /** A paid order through the binding restarts its duration and protection. */
  extendOnOrder: boolean;
}

export const DEFAULT_BINDING_POLICY: BindingPolicy = {
  who: "no_upline_only",
  durationDays: null,
  protectionDays: 30,
  extendOnOrder: false,
};

export interface Binding {
  uplineUserId: string;
  boundAtMs: number;
  /** null = never expires. */
  expiresAtMs: number | null;
  protectedUntilMs: number;
}

export interface BindingCandidate {
  userId: string;
  isDistributor: boolean;
  isFrozen: boolean;
}

export interface BindingFacts {
  policy: BindingPolicy;
  shopper: { userId: string };
  candidate: BindingCandidate;
  existingBinding: Binding | null;
  /** Every ancestor of the candidate, nearest first, up to the root. */
  ancestorsOfCandidate: readonly string[];
  nowMs: number;
  /** The shopper is signing up in this same request. */
  isNewShopper: boolean;
}

export type BindingDecision =
  | { kind: "bind"; binding: Binding; replacesUplineUserId: string | null }
  | { kind: "keep"; reason: "ALREADY_BOUND" | "PROTECTED" | "NOT_NEW_SHOPPER" }
  | { kind: "reject"; reason: "SELF" | "CYCLE" | "DISTRIBUTOR_FROZEN" | "NOT_DISTRIBUTOR" };

/** A binding counts until its expiry; an expired one is as if there were none. */
export function isBindingActive(binding: Binding | null, nowMs: number): binding is Binding {
  return binding !== null && (binding.expiresAtMs === null || nowMs < binding.expiresAtMs);
}

/**
 * Decides a bind attempt. Refusals first (self, not a distributor, frozen, cycle), then the policy.
 * Example: B's ancestors are [A] and A opens B's link → { kind: "reject", reason: "CYCLE" }.
 */
export function decideBinding(facts: BindingFacts): BindingDecision {
  const { policy, shopper, candidate, nowMs } = facts;
  if (candidate.userId === shopper.userId) return { kind: "reject", reason: "SELF" };
  if (!candidate.isDistributor) return { kind: "reject", reason: "NOT_DISTRIBUTOR" };
  if (candidate.isFrozen) return { kind: "reject", reason: "DISTRIBUTOR_FROZEN" };
  if (facts.ancestorsOfCandidate.includes(shopper.userId)) return { kind: "reject", reason: "CYCLE" };

  const current = isBindingActive(facts.existingBinding, nowMs) ? facts.existingBinding : null;
  if (current?.uplineUserId === candidate.userId) return { kind: "keep", reason: "ALREADY_BOUND" };
  const bind = (): BindingDecision => ({
    kind: "bind",
    binding: newBinding(policy, candidate.userId, nowMs),
    replacesUplineUserId: current?.uplineUserId ?? null,
  });
  switch (policy.who) {
    case "no_upline_only":
      return current ? { kind: "keep", reason: "ALREADY_BOUND" } : bind();
    case "new_shoppers_only":
      if (current) return { kind: "keep", reason: "ALREADY_BOUND" };
      return facts.isNewShopper ? bind() : { kind: "keep", reason: "NOT_NEW_SHOPPER" };
    case "override_each_link":
      return current && nowMs < current.protectedUntilMs ? { kind: "keep", reason: "PROTECTED" } : bind();
  }
}

function newBinding(policy: BindingPolicy, uplineUserId: string, nowMs: number): Binding {
  return {
    uplineUserId,
    boundAtMs: nowMs,
    expiresAtMs: policy.durationDays === null ? null : nowMs + policy.durationDays * DAY_MS,
    protectedUntilMs: nowMs + policy.protectionDays * DAY_MS,
  };
}

/**
 * With extend-on-order, a paid order through an active binding restarts its duration and protection
 * (never shortens them). Example: 30-day binding made on day 0, order on day 20 → expires on day 50.
 */
export function extendBindingOnOrder(policy: BindingPolicy, binding: Binding, orderAtMs: number): Binding {
  if (!policy.extendOnOrder || !isBindingActive(binding, orderAtMs)) return binding;
  const expiresAtMs =
    binding.expiresAtMs === null || policy.durationDays === null
      ? binding.expiresAtMs
      : Math.max(binding.expiresAtMs, orderAtMs + policy.durationDays * DAY_MS);
  const protectedUntilMs = Math.max(binding.protectedUntilMs, orderAtMs + policy.protectionDays * DAY_MS);
  return { ...binding, expiresAtMs, protectedUntilMs };
}

/** Checks a stored policy: durations are whole days, protection ≥ 0, duration ≥ 1 when set. */
export function validateBindingPolicy(
  policy: BindingPolicy,
): { kind: "ok" } | { kind: "refuse"; reason: "BINDING_POLICY_INVALID" } {
  const { durationDays: d, protectionDays: p } = policy;
  const ok = Number.isSafeInteger(p) && p >= 0 && (d === null || (Number.isSafeInteger(d) && d >= 1));
  return ok ? { kind: "ok" } : { kind: "refuse", reason: "BINDING_POLICY_INVALID" };
}
