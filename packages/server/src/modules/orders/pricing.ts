// Prices a checkout on the server: loads the SKUs as they are now, refuses what cannot be sold (off sale,
// too little stock, over the purchase limit), and lets the domain's pricing engine decide every amount.
import {
  type ActivityFacts,
  type Delivery,
  decideDelivery,
  decidePurchaseLimit,
  fen,
  type OrderDiscount,
  type PricedGift,
} from "@liebian/domain";
import type { Executor } from "../../db/client.ts";
import type { AddressSnapshot } from "../../db/schema/commerce.ts";
import { AppError } from "../../errors/app-error.ts";
import { addressNotFound } from "../addresses/service.ts";
import type { ChainFactRow } from "../commissions/repo.ts";
import { domainFreightTemplate } from "../freight/repo.ts";
import { type PromotedCart, priceWithPromotions } from "../marketing/service.ts";
import {
  findBoughtQuantities,
  findSkusForSale,
  loadCheckoutFacts,
  lockBuyer,
  type SkuForSale,
} from "./repo.ts";

export type CheckoutItem = { skuId: number; quantity: number };
export type CheckoutInput = {
  items: CheckoutItem[];
  addressId?: number | undefined;
  /** The shopper's coupon chosen for this order. */
  couponId?: number | undefined;
  /** Points the shopper wants to pay with. */
  points?: number | undefined;
};
/** A gift the cart earns, with its SKU; `given` also needs the SKU's own stock. */
export type CheckoutGift = PricedGift & { sku: SkuForSale };

export type PricedCheckout = {
  quote: PromotedCart;
  skus: SkuForSale[];
  gifts: CheckoutGift[];
  /** Service goods are delivered by a redemption code: no address, no freight. */
  delivery: Delivery;
  address: AddressSnapshot | null;
  /** The buyer's phone (the contact of an order without an address). */
  buyerPhone: string | null;
  /** The buyer and their upline as of `chainAt` (empty when not asked for). */
  chain: ChainFactRow[];
};

/**
 * An activity the order comes from (group buy, a reward grant): its kind is recorded on the order, its
 * discounts priced in; `facts` is the same activity as the pricing engine reads it (group buy passes it so an
 * engine-priced checkout can price it as a `group_buy` line price); `closeBy` ends the payment time early
 * (a group member must pay before the group expires).
 */
export type CheckoutActivity = {
  kind: string;
  discounts: OrderDiscount[];
  facts?: ActivityFacts;
  closeBy?: Date;
  /** Points the order costs besides its price (a points-shop redemption), spent with any checkout points. */
  points?: number;
};

/** "尺码:M / 颜色:红" — how a SKU reads on the order. */
export function skuLabelOf(sku: Pick<SkuForSale, "specAxes" | "specValues">): string {
  return sku.specValues.map((v, i) => `${sku.specAxes[i]?.name ?? ""}:${v}`).join(" / ");
}

function mergeItems(items: CheckoutItem[]): CheckoutItem[] {
  const merged = new Map<number, number>();
  for (const item of items) merged.set(item.skuId, (merged.get(item.skuId) ?? 0) + item.quantity);
  return [...merged].map(([skuId, quantity]) => ({ skuId, quantity }));
}

/**
 * `forPlacing` locks the buyer while a purchase limit is checked (the stock itself is enforced later by
 * the guarded decrement); a quote only reads. `chainAt` also reads the buyer's referral chain as of then
 * (placing with distribution on). The facts come in one read (orders/repo.ts loadCheckoutFacts); purchase
 * limits, limited activities, a first-order offer, a coupon, points and gifts add their own reads only when
 * the cart has them.
 */
export async function priceCheckout(
  tx: Executor,
  userId: number,
  input: CheckoutInput,
  options: { forPlacing: boolean; now: Date; activity?: CheckoutActivity | null; chainAt?: Date | null },
): Promise<PricedCheckout> {
  const items = mergeItems(input.items);
  const facts = await loadCheckoutFacts(tx, {
    userId,
    skuIds: items.map((i) => i.skuId),
    addressId: input.addressId ?? null,
    chainAt: options.chainAt ?? null,
  });
  const found = facts.skus;
  const skus = items.map((item) => {
    const sku = found.find((s) => s.skuId === item.skuId);
    if (!sku || sku.archived || sku.status !== "on_sale") {
      throw new AppError("PRODUCT_NOT_ON_SALE", "An item is no longer on sale", { skuId: item.skuId });
    }
    if (sku.stock < item.quantity) {
      throw new AppError("STOCK_INSUFFICIENT", "Not enough stock", {
        skuId: item.skuId,
        available: sku.stock,
      });
    }
    return sku;
  });

  const limited = [
    ...new Map(skus.filter((s) => s.purchaseLimit !== null).map((s) => [s.productId, s])).values(),
  ];
  if (limited.length > 0) {
    if (options.forPlacing) await lockBuyer(tx, userId);
    const existing = await findBoughtQuantities(
      tx,
      userId,
      limited.map((s) => s.productId),
    );
    const decision = decidePurchaseLimit({
      limits: limited.map((s) => ({ productId: String(s.productId), perShopper: s.purchaseLimit! })),
      existing: existing.map((e) => ({ ...e, productId: String(e.productId) })),
      cart: items.map((item, i) => ({ productId: String(skus[i]!.productId), quantity: item.quantity })),
    });
    if (!decision.ok) {
      const { code: _, ok: __, ...details } = decision;
      throw new AppError("PURCHASE_LIMIT_EXCEEDED", "More than this product's purchase limit", {
        ...details,
        productId: Number(decision.productId),
      });
    }
  }

  const delivery = decideDelivery(skus.map((s) => s.kind));
  if (!delivery.ok) throw new AppError(delivery.code, "Service goods are ordered on their own");
  const shipped = delivery.delivery === "shipping";
  // someone else's address (or none by that id) answers ADDRESS_NOT_FOUND, as the address book does
  if (input.addressId !== undefined && shipped && !facts.address) throw addressNotFound(input.addressId);
  const address = shipped ? facts.address : null;
  if (options.forPlacing && shipped && !address)
    throw new AppError("ADDRESS_REQUIRED", "Goods that are shipped need an address");
  const quote = await priceWithPromotions(tx, {
    userId,
    now: options.now,
    couponId: input.couponId,
    pointsWanted: input.points,
    rateCoupons: !options.forPlacing,
    forPlacing: options.forPlacing,
    lines: items.map((item, i) => {
      const sku = skus[i]!;
      return {
        skuId: String(sku.skuId),
        productId: String(sku.productId),
        categoryId: sku.categoryId === null ? null : String(sku.categoryId),
        unitPriceFen: fen(sku.priceFen),
        quantity: item.quantity,
        freightTemplateId: sku.freightTemplateId === null ? null : String(sku.freightTemplateId),
        weightGrams: sku.weightGrams,
      };
    }),
    callerDiscounts: options.activity?.discounts ?? [],
    freight: {
      templates: facts.freightTemplates.map(domainFreightTemplate),
      regionCode: address?.districtCode ?? null,
    },
  });
  return {
    quote,
    skus,
    gifts: await loadGifts(tx, quote),
    delivery: delivery.delivery,
    address,
    buyerPhone: facts.buyerPhone,
    chain: facts.chain,
  };
}

/** The gift SKUs the engine named; one archived since reads as no gift, one short of stock as not given. */
async function loadGifts(tx: Executor, quote: PromotedCart): Promise<CheckoutGift[]> {
  if (quote.gifts.length === 0) return [];
  const found = await findSkusForSale(tx, [...new Set(quote.gifts.map((g) => Number(g.skuId)))]);
  return quote.gifts.flatMap((gift) => {
    const sku = found.find((s) => String(s.skuId) === gift.skuId);
    if (!sku || sku.archived) return [];
    return [{ ...gift, given: gift.given && sku.stock >= gift.quantity, sku }];
  });
}

/** The quote as the checkout page shows it. */
export function quoteView({ quote, skus, gifts, delivery, address }: PricedCheckout) {
  return {
    gifts: gifts.map((g) => ({
      activityId: Number(g.activityId),
      label: g.label,
      detail: g.detail,
      skuId: g.sku.skuId,
      productId: g.sku.productId,
      title: g.sku.title,
      skuLabel: skuLabelOf(g.sku),
      imageUrl: g.sku.skuImageUrl ?? g.sku.images[0] ?? null,
      quantity: g.quantity,
      originalUnitFen: g.sku.priceFen,
      given: g.given,
    })),
    delivery,
    lines: quote.lines.map((line, i) => {
      const sku = skus[i]!;
      return {
        skuId: sku.skuId,
        productId: sku.productId,
        title: sku.title,
        skuLabel: skuLabelOf(sku),
        imageUrl: sku.skuImageUrl ?? sku.images[0] ?? null,
        unitPriceFen: line.unitPriceFen as number,
        quantity: line.quantity,
        listedFen: line.listedFen as number,
        discountFen: line.discountFen as number,
        paidFen: line.paidFen as number,
        originalUnitFen: line.originalUnitFen as number,
        activity: line.activity && {
          id: Number(line.activity.id),
          kind: line.activity.kind,
          label: line.activity.label,
        },
      };
    }),
    discounts: quote.discounts.map((d) => ({
      kind: d.kind,
      label: d.label,
      amountFen: d.amountFen as number,
      source: d.source,
      detail: d.detail,
      target: d.target,
    })),
    freight: (quote.freight?.templates ?? []).map((t) => ({
      templateId: Number(t.templateId),
      feeFen: t.feeFen as number,
      reason: t.reason,
    })),
    goodsFen: quote.goodsTotalFen as number,
    discountFen: quote.discountTotalFen as number,
    freightFen: quote.freightFen as number,
    freightWaivedFen: quote.freightWaivedFen as number,
    pointsUsed: quote.pointsUsed,
    points: quote.pointsOffer,
    couponId: quote.couponId,
    coupons: quote.couponOptions,
    payableFen: quote.payableFen as number,
    address,
  };
}
