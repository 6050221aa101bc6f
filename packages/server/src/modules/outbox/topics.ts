// The outbox's messages: one per moment that others (analytics, notifications, webhooks) hang work on.
// Payloads carry ids and amounts only — never names, phones, addresses or payout identities.

import type { Executor } from "../../db/client.ts";

export type OutboxMessages = {
  "order.placed": { orderId: number; buyerUserId: number; payableFen: number };
  "order.paid": { orderId: number; buyerUserId: number; provider: string; amountFen: number };
  "order.shipped": { orderId: number; buyerUserId: number; shipmentIds: number[] };
  "order.received": { orderId: number };
  "order.completed": { orderId: number };
  "order.refunded": {
    orderId: number;
    afterSaleId: number;
    refundFen: number;
    /** True once every unit of the order is refunded. */
    orderRefunded: boolean;
    items: { orderItemId: number; refundFen: number; remainingPaidFen: number }[];
  };
  "order.cancelled": { orderId: number; how: "cancel" | "close" };
  /** The merchant approved or rejected an after-sale request. */
  "after_sale.decided": {
    afterSaleId: number;
    orderId: number;
    buyerUserId: number;
    decision: "approved" | "rejected";
  };
  "commission.created": {
    orderId: number;
    commissions: {
      commissionId: number;
      earnerUserId: number;
      level: number;
      amountFen: number;
      status: string;
    }[];
  };
  /**
   * A release settled these commissions, each moving `amountsFen[i]` (what clawbacks left of it) to its
   * earner's available balance. Two parallel arrays rather than an object per commission: a sweep batch
   * names ~10,000, and the earner and order are the commission row's own (read by the consumer).
   */
  "commission.released": { commissionIds: number[]; amountsFen: number[] };
  "withdrawal.paid": {
    withdrawalId: number;
    userId: number;
    method: string;
    amountFen: number;
    feeFen: number;
    netFen: number;
  };
};

export type OutboxTopic = keyof OutboxMessages;

export type OutboxMessage = { [T in OutboxTopic]: { topic: T; payload: OutboxMessages[T] } }[OutboxTopic];

/** One delivery of a message: its row id (a handler's writes are keyed by it, so a redelivery writes
 * nothing twice), how many earlier tries failed, and what it says. */
export type OutboxDelivery<T extends OutboxTopic = OutboxTopic> = {
  id: number;
  attempts: number;
  payload: OutboxMessages[T];
};

/**
 * What runs for delivered messages, per topic: the batch's messages of that topic at once, in id order,
 * written through `db` (the batch's transaction: a handler opens no other connection). A hot topic reads
 * and writes for the whole batch in a few statements; a rare one may go message by message (`eachMessage`).
 * A topic nobody handles yet is simply marked delivered.
 */
export type OutboxHandlers = {
  [T in OutboxTopic]?: (messages: OutboxDelivery<T>[], db: Executor) => Promise<void>;
};

/** A batch handler that handles each message on its own, for topics too rare to be worth a set-based one. */
export function eachMessage<T extends OutboxTopic>(
  handle: (payload: OutboxMessages[T], delivery: OutboxDelivery<T>, db: Executor) => Promise<void>,
): (messages: OutboxDelivery<T>[], db: Executor) => Promise<void> {
  return async (messages, db) => {
    for (const message of messages) await handle(message.payload, message, db);
  };
}
