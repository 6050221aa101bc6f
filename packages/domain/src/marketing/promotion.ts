// What a promotion kind is: a configurable operation `{ kind, stage, args, apply }` whose `apply`
// returns effects as plain data ("compute, then apply"); the pricing engine applies them in stage order.
import type { z } from "zod";
import type { CommissionActivityKind } from "../distribution/plan.ts";
import type { Fen } from "../money.ts";

/**
 * When a kind acts: `price` sets a line's unit price (flash sale, group price), `order` discounts a set
 * of lines or waives their freight (threshold discounts), `welcome` is a referred shopper's first-order
 * offer, `coupon` is the one coupon of the order, `gift` adds gift SKUs at ¥0 (买一送一 / 满赠); `reward`
 * kinds act outside pricing (有礼邀请 hands out coupons when an order completes) and the engine skips them.
 */
export type PromotionStage = "price" | "order" | "welcome" | "coupon" | "gift" | "reward";

/** A running activity, or the chosen coupon, as checkout sees it: its stored args plus the live facts. */
export type ActivityFacts = {
  id: string;
  kind: string;
  label: string;
  /** The window, in epoch ms: active when startsAtMs ≤ now < endsAtMs. */
  startsAtMs: number;
  endsAtMs: number;
  args: unknown;
  /** Activity stock left per SKU id (flash stock kept apart from normal stock); absent SKUs are unlimited. */
  stockLeftBySku?: Readonly<Record<string, number>>;
  /** Units this shopper already bought in this activity (for per-person limits). */
  shopperBought?: number;
  /** Units taken in this activity so far by everyone (a group challenge's participants). */
  participants?: number;
};

/** A line as a promotion sees it, at the current stage. */
export type PromotionLine = {
  index: number;
  skuId: string;
  productId: string;
  categoryId: string | null;
  quantity: number;
  /** The list unit price (before any activity). */
  originalUnitFen: Fen;
  /** The unit price after the price stage. */
  unitPriceFen: Fen;
  /** What the line costs now: unit price × quantity less the discounts of earlier stages. */
  amountFen: Fen;
};

export type PromotionContext = {
  nowMs: number;
  activity: ActivityFacts;
  /** Lines this promotion may act on under the stacking rules (all lines in the price stage). */
  lines: readonly PromotionLine[];
  shopper: ShopperFacts;
};

export type ShopperFacts = {
  userId: string | null;
  /**
   * Orders this shopper placed before that were paid or still await payment (first-order offers); loaded only
   * when a running kind needs it. Absent: unknown, so no first-order offer applies.
   */
  paidOrderCount?: number;
  /** Whether the shopper arrived through a distributor's link (is bound to one); loaded like paidOrderCount. */
  referred?: boolean;
};

/** A line-price effect: the line costs `unitPriceFen` a unit in this activity. */
export type PriceEffect = {
  type: "line_price";
  lineIndex: number;
  unitPriceFen: Fen;
  /** Whether threshold discounts and coupons may still apply to the line (default: they may not). */
  stackable: boolean;
};

/** An order-stage or coupon effect: `amountFen` off the named lines, or their freight waived. */
export type DiscountEffect =
  | { type: "discount"; lineIndexes: number[]; amountFen: Fen; detail: string }
  | { type: "free_shipping"; lineIndexes: number[]; detail: string };

/** A gift effect: `quantity` of a gift SKU at ¥0, earned by these lines; `given` false when its gift stock is short. */
export type GiftEffect = {
  type: "gift";
  skuId: string;
  quantity: number;
  lineIndexes: number[];
  given: boolean;
  detail: string;
};

export type PromotionRefusal = {
  type: "refuse";
  reason: "ACTIVITY_LIMIT_EXCEEDED";
  details: Record<string, string | number>;
};

export type PromotionEffect = PriceEffect | DiscountEffect | GiftEffect | PromotionRefusal;

export interface PromotionKind<A = unknown> {
  kind: string;
  stage: PromotionStage;
  /** Which per-activity commission switch governs orders priced by it; null: ordinary commission. */
  commissionKind: CommissionActivityKind | null;
  args: z.ZodType<A>;
  /** The effects of this promotion on these lines; [] when it does not apply (threshold not reached, …). */
  apply(args: A, ctx: PromotionContext): PromotionEffect[];
}

/** Types a kind's definition against its args schema. */
export function definePromotionKind<A>(kind: PromotionKind<A>): PromotionKind<A> {
  return kind;
}
