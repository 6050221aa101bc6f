// Tiered and volume bonuses (阶梯奖励 / 满额返现), decided at a period's end from a distributor's promoted
// volume (completed orders only): a bonus for reaching a unit tier (20 bottles in a month → ¥300), a bonus per
// step of paid amount (every ¥2,000 → ¥100), a rising commission rate applied as a top-up on the period's
// commissions (10% → 12% → 15%), or a reward in kind (two referred buyers → a free ¥199 class).
import { BPS_WHOLE } from "../money.ts";
import { prizeInKindProblem } from "./prizes.ts";

/** `productIds` limits what a rule counts to those products (the caller counts; empty or absent = all). */
export type VolumeBonusRule = { productIds?: readonly number[] } & (
  | { kind: "units_tier"; tiers: { minUnits: number; bonusFen: number }[] }
  | { kind: "every_amount"; stepFen: number; bonusFen: number }
  | { kind: "rate_top_up"; baseRateBps: number; tiers: { minFen: number; rateBps: number }[] }
  /** A prize in kind: one unit of a service SKU as a ¥0 order, a coupon of a template, or (neither) physical. */
  | {
      kind: "in_kind";
      minReferredBuyers: number;
      skuId?: number | null;
      couponTemplateId?: number | null;
      prizeLabel: string;
    }
);

export type VolumeFacts = {
  /** Units of the rule's products sold through the distributor's link (completed orders). */
  units: number;
  /** Paid amount of those sales, net of refunds, in fen. */
  amountFen: number;
  /** Referred buyers who completed an order in the period. */
  referredBuyers: number;
};

export type VolumeBonus =
  | { kind: "cash"; amountFen: number; basis: string }
  | { kind: "in_kind"; prizeLabel: string; basis: string }
  | { kind: "none" };

export type VolumeRuleCheck = { kind: "ok" } | { kind: "refuse"; reason: "TIERS_INVALID" | "CAP_NEGATIVE" };

/** Tiers rise strictly; amounts, steps and rates are non-negative integers (a step is at least 1 fen). */
export function validateVolumeBonusRule(rule: VolumeBonusRule): VolumeRuleCheck {
  const ok = (n: number) => Number.isSafeInteger(n) && n >= 0;
  switch (rule.kind) {
    case "units_tier":
      return rule.tiers.every(
        (t, i) =>
          ok(t.minUnits) &&
          t.minUnits > 0 &&
          ok(t.bonusFen) &&
          (i === 0 || t.minUnits > rule.tiers[i - 1]!.minUnits),
      )
        ? { kind: "ok" }
        : { kind: "refuse", reason: "TIERS_INVALID" };
    case "every_amount":
      return ok(rule.stepFen) && rule.stepFen > 0 && ok(rule.bonusFen)
        ? { kind: "ok" }
        : { kind: "refuse", reason: "TIERS_INVALID" };
    case "rate_top_up":
      return ok(rule.baseRateBps) &&
        rule.tiers.every(
          (t, i) =>
            ok(t.minFen) &&
            ok(t.rateBps) &&
            t.rateBps <= BPS_WHOLE &&
            t.rateBps > (i === 0 ? rule.baseRateBps : rule.tiers[i - 1]!.rateBps) &&
            (i === 0 || t.minFen > rule.tiers[i - 1]!.minFen),
        )
        ? { kind: "ok" }
        : { kind: "refuse", reason: "TIERS_INVALID" };
    case "in_kind":
      return rule.minReferredBuyers >= 1 &&
        Number.isSafeInteger(rule.minReferredBuyers) &&
        prizeInKindProblem({ ...rule, item: rule.prizeLabel }) === null
        ? { kind: "ok" }
        : { kind: "refuse", reason: "TIERS_INVALID" };
  }
}

/**
 * The bonus one distributor's period earns under `rule`.
 * Examples: units_tier [20 → ¥300], 23 bottles → cash 30000; every_amount ¥2,000 → ¥100, ¥4,500 → cash 20000;
 * rate_top_up base 10%, [≥¥5,000 → 12%, ≥¥20,000 → 15%], ¥8,000 → cash 16000 (2% top-up).
 */
export function computeVolumeBonus(rule: VolumeBonusRule, facts: VolumeFacts): VolumeBonus {
  switch (rule.kind) {
    case "units_tier": {
      const tier = [...rule.tiers].reverse().find((t) => facts.units >= t.minUnits);
      return tier && tier.bonusFen > 0
        ? { kind: "cash", amountFen: tier.bonusFen, basis: `units ${facts.units} ≥ ${tier.minUnits}` }
        : { kind: "none" };
    }
    case "every_amount": {
      const steps = Math.floor(Math.max(0, facts.amountFen) / rule.stepFen);
      return steps > 0 && rule.bonusFen > 0
        ? { kind: "cash", amountFen: steps * rule.bonusFen, basis: `${steps} × ${rule.stepFen}` }
        : { kind: "none" };
    }
    case "rate_top_up": {
      const tier = [...rule.tiers].reverse().find((t) => facts.amountFen >= t.minFen);
      if (!tier) return { kind: "none" };
      const top = Number(
        (BigInt(Math.max(0, facts.amountFen)) * BigInt(tier.rateBps - rule.baseRateBps)) / BigInt(BPS_WHOLE),
      );
      return top > 0
        ? { kind: "cash", amountFen: top, basis: `rate ${tier.rateBps} − ${rule.baseRateBps} bps` }
        : { kind: "none" };
    }
    case "in_kind":
      return facts.referredBuyers >= rule.minReferredBuyers
        ? {
            kind: "in_kind",
            prizeLabel: rule.prizeLabel,
            basis: `referred buyers ${facts.referredBuyers} ≥ ${rule.minReferredBuyers}`,
          }
        : { kind: "none" };
  }
}
