import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  type Binding,
  type BindingFacts,
  type BindingPolicy,
  DEFAULT_BINDING_POLICY,
  decideBinding,
  extendBindingOnOrder,
  validateBindingPolicy,
} from "./binding.ts";

const DAY = 86_400_000;
const now = 100 * DAY;
const boundTo = (upline: string, more: Partial<Binding> = {}): Binding => ({
  uplineUserId: upline,
  boundAtMs: now - 40 * DAY,
  expiresAtMs: null,
  protectedUntilMs: now - 10 * DAY,
  ...more,
});
const facts = (
  more: Partial<Omit<BindingFacts, "policy">> & { policy?: Partial<BindingPolicy> } = {},
): BindingFacts => ({
  shopper: { userId: "S" },
  candidate: { userId: "D", isDistributor: true, isFrozen: false },
  existingBinding: null,
  ancestorsOfCandidate: ["R"],
  nowMs: now,
  isNewShopper: false,
  ...more,
  policy: { ...DEFAULT_BINDING_POLICY, ...more.policy },
});
const outcome = (d: ReturnType<typeof decideBinding>) =>
  d.kind === "bind" ? "bind" : `${d.kind}:${d.reason}`;

describe("decideBinding", () => {
  test.each([
    {
      label: "a link of one's own",
      f: facts({ candidate: { userId: "S", isDistributor: true, isFrozen: false } }),
      expected: "reject:SELF",
    },
    {
      label: "a shopper who is not a distributor",
      f: facts({ candidate: { userId: "D", isDistributor: false, isFrozen: false } }),
      expected: "reject:NOT_DISTRIBUTOR",
    },
    {
      label: "a frozen distributor",
      f: facts({ candidate: { userId: "D", isDistributor: true, isFrozen: true } }),
      expected: "reject:DISTRIBUTOR_FROZEN",
    },
    {
      label: "the shopper is an ancestor of the candidate",
      f: facts({ ancestorsOfCandidate: ["X", "S"] }),
      expected: "reject:CYCLE",
    },
    { label: "no upline yet, first bind", f: facts(), expected: "bind" },
    {
      label: "already bound elsewhere (first bind wins)",
      f: facts({ existingBinding: boundTo("A") }),
      expected: "keep:ALREADY_BOUND",
    },
    {
      label: "same upline again",
      f: facts({ existingBinding: boundTo("D"), policy: { who: "override_each_link" } }),
      expected: "keep:ALREADY_BOUND",
    },
    {
      label: "expired binding counts as none",
      f: facts({ existingBinding: boundTo("A", { expiresAtMs: now - 1 }) }),
      expected: "bind",
    },
    {
      label: "binding expiring exactly now has expired",
      f: facts({ existingBinding: boundTo("A", { expiresAtMs: now }) }),
      expected: "bind",
    },
    {
      label: "new-shoppers mode, at sign-up",
      f: facts({ policy: { who: "new_shoppers_only" }, isNewShopper: true }),
      expected: "bind",
    },
    {
      label: "new-shoppers mode, an old shopper",
      f: facts({ policy: { who: "new_shoppers_only" } }),
      expected: "keep:NOT_NEW_SHOPPER",
    },
    {
      label: "new-shoppers mode, already bound",
      f: facts({ policy: { who: "new_shoppers_only" }, isNewShopper: true, existingBinding: boundTo("A") }),
      expected: "keep:ALREADY_BOUND",
    },
    {
      label: "override mode inside protection",
      f: facts({
        policy: { who: "override_each_link" },
        existingBinding: boundTo("A", { protectedUntilMs: now + 1 }),
      }),
      expected: "keep:PROTECTED",
    },
    {
      label: "override mode after protection",
      f: facts({ policy: { who: "override_each_link" }, existingBinding: boundTo("A") }),
      expected: "bind",
    },
  ])("$label → $expected", ({ f, expected }) => {
    expect(outcome(decideBinding(f))).toBe(expected);
  });

  test("a bind carries expiry, protection and what it replaces", () => {
    const d = decideBinding(
      facts({
        policy: { who: "override_each_link", durationDays: 30, protectionDays: 7 },
        existingBinding: boundTo("A"),
      }),
    );
    expect(d).toEqual({
      kind: "bind",
      binding: {
        uplineUserId: "D",
        boundAtMs: now,
        expiresAtMs: now + 30 * DAY,
        protectedUntilMs: now + 7 * DAY,
      },
      replacesUplineUserId: "A",
    });
  });

  test("never binds to self and never makes a cycle on random forests", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { minLength: 2, maxLength: 30 }),
        fc.nat(),
        fc.nat(),
        fc.constantFrom(
          "no_upline_only" as const,
          "new_shoppers_only" as const,
          "override_each_link" as const,
        ),
        fc.boolean(),
        (seeds, s, c, who, isNewShopper) => {
          // parent[i] < i makes a forest; -1 is a root.
          const parent = seeds.map((x, i) => (i === 0 || x % 3 === 0 ? -1 : x % i));
          const ancestors = (u: number) => {
            const out: string[] = [];
            for (let p = parent[u]!; p >= 0; p = parent[p]!) out.push(`u${p}`);
            return out;
          };
          const shopper = s % seeds.length;
          const candidate = c % seeds.length;
          const existing = parent[shopper]! >= 0 ? boundTo(`u${parent[shopper]}`) : null;
          const d = decideBinding(
            facts({
              policy: { who },
              shopper: { userId: `u${shopper}` },
              candidate: { userId: `u${candidate}`, isDistributor: true, isFrozen: false },
              existingBinding: existing,
              ancestorsOfCandidate: ancestors(candidate),
              isNewShopper,
            }),
          );
          if (d.kind !== "bind") return;
          expect(candidate).not.toBe(shopper);
          parent[shopper] = candidate;
          const seen = new Set<number>([shopper]);
          for (let p = parent[shopper]!; p >= 0; p = parent[p]!) {
            expect(seen.has(p)).toBe(false);
            seen.add(p);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("extendBindingOnOrder", () => {
  const policy: BindingPolicy = {
    who: "no_upline_only",
    durationDays: 30,
    protectionDays: 7,
    extendOnOrder: true,
  };
  const made: Binding = { uplineUserId: "D", boundAtMs: 0, expiresAtMs: 30 * DAY, protectedUntilMs: 7 * DAY };
  test.each([
    {
      label: "order on day 20 → expires day 50",
      p: policy,
      at: 20 * DAY,
      expires: 50 * DAY,
      protectedUntil: 27 * DAY,
    },
    {
      label: "switch off → unchanged",
      p: { ...policy, extendOnOrder: false },
      at: 20 * DAY,
      expires: 30 * DAY,
      protectedUntil: 7 * DAY,
    },
    {
      label: "after expiry → unchanged",
      p: policy,
      at: 31 * DAY,
      expires: 30 * DAY,
      protectedUntil: 7 * DAY,
    },
  ])("$label", ({ p, at, expires, protectedUntil }) => {
    expect(extendBindingOnOrder(p, made, at)).toMatchObject({
      expiresAtMs: expires,
      protectedUntilMs: protectedUntil,
    });
  });
});

test.each([
  { label: "default", p: DEFAULT_BINDING_POLICY, expected: "ok" },
  { label: "0-day duration", p: { ...DEFAULT_BINDING_POLICY, durationDays: 0 }, expected: "refuse" },
  { label: "negative protection", p: { ...DEFAULT_BINDING_POLICY, protectionDays: -1 }, expected: "refuse" },
])("validateBindingPolicy: $label → $expected", ({ p, expected }) => {
  expect(validateBindingPolicy(p).kind).toBe(expected);
});
