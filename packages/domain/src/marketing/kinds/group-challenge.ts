// 团购挑战: a product's price steps down as the challenge's participants reach targets (100 people → 5折).
// Each participant pays the price of the tier reached when they join; when the challenge ends every
// participant is refunded the difference to the final tier (planChallengeRefunds). Its orders follow the
// `group_challenge` commission switch, on what they finally paid.
import { z } from "zod";
import { applyBps, BPS_WHOLE, type Bps, type Fen, fen } from "../../money.ts";
import { definePromotionKind, type PromotionContext, type PromotionEffect } from "../promotion.ts";
import { refuseOverPersonLimit } from "./line-price.ts";

export const groupChallengeArgs = z.object({
  items: z.array(z.object({ skuId: z.string().min(1) })).min(1),
  /** From few participants to many; each pays less: { participants: 100, payBps: 5000 } = 5折 from 100 on. */
  tiers: z
    .array(z.object({ participants: z.int().min(1).max(10_000_000), payBps: z.int().min(1).max(BPS_WHOLE) }))
    .min(1)
    .max(10)
    .refine(
      (ts) =>
        ts.every(
          (t, i) => i === 0 || (t.participants > ts[i - 1]!.participants && t.payBps < ts[i - 1]!.payBps),
        ),
      { message: "tiers need more participants and a lower price each" },
    ),
  /** Units one shopper may buy in the challenge; null: no limit. */
  perPersonLimit: z.int().min(1).nullable().default(1),
});
export type GroupChallengeArgs = z.output<typeof groupChallengeArgs>;

/**
 * The share of the list price paid with this many participants: the highest tier reached, else full price.
 * Example: tiers 10 → 8折, 100 → 5折; 99 participants → 8000, 100 → 5000, 3 → 10000.
 */
export function computeChallengePayBps(args: GroupChallengeArgs, participants: number): number {
  let payBps = BPS_WHOLE;
  for (const t of args.tiers) if (participants >= t.participants) payBps = t.payBps;
  return payBps;
}

/** The unit price at a share of the list price (floored like every activity price). */
export function computeChallengeUnitFen(listUnitFen: Fen, payBps: number): Fen {
  return payBps >= BPS_WHOLE ? listUnitFen : applyBps(listUnitFen, payBps as Bps);
}

function applyGroupChallenge(args: GroupChallengeArgs, ctx: PromotionContext): PromotionEffect[] {
  const payBps = computeChallengePayBps(args, ctx.activity.participants ?? 0);
  const effects: PromotionEffect[] = [];
  let units = 0;
  for (const line of ctx.lines) {
    if (!args.items.some((i) => i.skuId === line.skuId)) continue;
    units += line.quantity;
    // At full price too: the line joins the challenge and is refunded down to the final tier.
    const unitPriceFen = computeChallengeUnitFen(line.originalUnitFen, payBps);
    effects.push({ type: "line_price", lineIndex: line.index, unitPriceFen, stackable: false });
  }
  return refuseOverPersonLimit(ctx, args.perPersonLimit, units) ?? effects;
}

export const groupChallengeKind = definePromotionKind({
  kind: "group_challenge",
  stage: "price",
  commissionKind: "group_challenge",
  args: groupChallengeArgs,
  apply: applyGroupChallenge,
});

/** A challenge line as it was paid: what each unit cost, what the line paid after all discounts, what went back. */
export type ChallengeLine = {
  orderId: number;
  orderItemId: number;
  listUnitFen: number;
  unitPriceFen: number;
  quantity: number;
  refundedQuantity: number;
  paidFen: number;
  refundedFen: number;
};

export type ChallengeRefund = {
  orderId: number;
  refundFen: Fen;
  items: { orderItemId: number; refundFen: Fen }[];
};

/**
 * At the end: each order's refund of the difference to the final tier, per line
 * (unit price paid − final unit price) × units kept, never more than the line still holds.
 * Example: ¥100 list, tiers 100 → 5折; paid ¥100 when joining early, 100 joined in the end → ¥50 back.
 */
export function planChallengeRefunds(
  args: GroupChallengeArgs,
  finalParticipants: number,
  lines: readonly ChallengeLine[],
): { payBps: number; refunds: ChallengeRefund[] } {
  const payBps = computeChallengePayBps(args, finalParticipants);
  const byOrder = new Map<number, ChallengeRefund>();
  for (const l of lines) {
    const finalUnit = computeChallengeUnitFen(fen(l.listUnitFen), payBps);
    const kept = l.quantity - l.refundedQuantity;
    const refundFen = fen(
      Math.min(Math.max(0, l.unitPriceFen - finalUnit) * kept, l.paidFen - l.refundedFen),
    );
    if (refundFen <= 0) continue;
    const r = byOrder.get(l.orderId) ?? { orderId: l.orderId, refundFen: fen(0), items: [] };
    r.items.push({ orderItemId: l.orderItemId, refundFen });
    r.refundFen = fen(r.refundFen + refundFen);
    byOrder.set(l.orderId, r);
  }
  return { payBps, refunds: [...byOrder.values()].sort((a, b) => a.orderId - b.orderId) };
}
