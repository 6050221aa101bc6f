// The moments of an order that other areas hang their work on (commissions, ledger, tracking).
// Each hook runs INSIDE the transaction that made the move, so the move and its effects commit together.
// The orders module calls them; distribution, payments and analytics register them in the composition root.
import type { Tx } from "../../db/client.ts";

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
};

export type PlacedOrder = {
  orderId: number;
  orderNo: string;
  buyerUserId: number;
  placedAt: Date;
  /** The marketing activity the order came from ("group_buy", "flash_sale", …) or null for a plain order. */
  activityKind: string | null;
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

type Hook<T> = (tx: Tx, event: T) => Promise<void>;

export type OrderHooks = {
  onPlaced: Hook<PlacedOrder>[];
  onPaid: Hook<PaidOrder>[];
  /** Shipped goods received (by the shopper or automatically). */
  onReceived: Hook<OrderMoment>[];
  /** The after-sale window has passed. */
  onCompleted: Hook<OrderMoment>[];
  /** Some (or all) lines were refunded. */
  onRefunded: Hook<RefundedItems>[];
  /** An order was cancelled or closed before payment. */
  onCancelled: Hook<OrderMoment>[];
};

export function emptyOrderHooks(): OrderHooks {
  return { onPlaced: [], onPaid: [], onReceived: [], onCompleted: [], onRefunded: [], onCancelled: [] };
}

export async function runHooks<T>(hooks: Hook<T>[], tx: Tx, event: T): Promise<void> {
  for (const hook of hooks) await hook(tx, event);
}
