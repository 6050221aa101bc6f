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
  "commission.released": {
    commissions: { commissionId: number; orderId: number; earnerUserId: number; amountFen: number }[];
  };
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

/**
 * One delivery of a message: its row id (a handler's writes are keyed by it, so a redelivery writes
 * nothing twice), how many times it was tried, and `db`, what the handler reads and writes through (the
 * batch's transaction: a handler uses no other connection).
 */
export type OutboxDelivery = { id: number; attempts: number; db: Executor };

/** What runs for a delivered message, per topic; a topic nobody handles yet is simply marked delivered. */
export type OutboxHandlers = {
  [T in OutboxTopic]?: (payload: OutboxMessages[T], delivery: OutboxDelivery) => Promise<void>;
};
