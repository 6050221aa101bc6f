// The moments of an order as plain facts, passed by the use cases that make them to what they cause
// (commissions, the ledger) by direct calls. Effects that move no money go through the outbox instead.
import type { CommissionActivityKind } from "@liebian/domain";

export type PlacedOrderItem = {
  orderItemId: number;
  productId: number;
  skuId: number;
  quantity: number;
  /** Listed price × quantity. */
  listFen: number;
  /** What the shopper pays for this line after every discount, freight excluded. */
  paidFen: number;
  /** Commission override stored on the SKU and on its product (domain `CommissionOverride`), or null. */
  skuCommissionRule: unknown | null;
  productCommissionRule: unknown | null;
  /** The activity kind that priced this line (its commission switch governs it), null for a plain line, undefined: the order's kind stands. */
  activityKind: CommissionActivityKind | null | undefined;
};

export type PlacedOrder = {
  orderId: number;
  orderNo: string;
  buyerUserId: number;
  placedAt: Date;
  /** The marketing activity the order came from ("group_buy", "flash_sale", …) or null for a plain order. */
  activityKind: CommissionActivityKind | null;
  items: PlacedOrderItem[];
};

export type PaidOrder = {
  orderId: number;
  buyerUserId: number;
  paidAt: Date;
  provider: string;
  transactionId: string;
  amountFen: number;
};

export type OrderMoment = { orderId: number; buyerUserId: number; at: Date };

export type RefundedItems = {
  orderId: number;
  buyerUserId: number;
  refundId: number;
  at: Date;
  items: Array<{
    orderItemId: number;
    /** This refund's money for the line. */
    refundFen: number;
    /** The line's paid amount (the commission base) and what is left of it after this refund. */
    itemPaidFen: number;
    remainingPaidFen: number;
  }>;
};
