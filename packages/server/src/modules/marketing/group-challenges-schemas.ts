// The group challenge contract: the shop's progress page and the admin's results.
import { z } from "zod";

export const ChallengeProgressResponse = z.object({
  id: z.number(),
  name: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  state: z.enum(["upcoming", "running", "ended"]),
  perPersonLimit: z.number().nullable(),
  tiers: z.array(z.object({ participants: z.number(), payBps: z.number() })),
  /** Units taken so far (the final count once settled). */
  participants: z.number(),
  /** The share of list price paid now (10000: full price). */
  payBps: z.number(),
  next: z.object({ participants: z.number(), payBps: z.number(), missing: z.number() }).nullable(),
  settled: z.boolean(),
  skus: z.array(
    z.object({
      skuId: z.number(),
      productId: z.number(),
      productTitle: z.string(),
      specValues: z.array(z.string()),
      listPriceFen: z.number(),
      priceFen: z.number(),
    }),
  ),
});

export const ChallengeResultsResponse = ChallengeProgressResponse.extend({
  refunds: z.array(
    z.object({
      orderId: z.number(),
      orderNo: z.string(),
      afterSaleId: z.number(),
      refundFen: z.number(),
      status: z.string(),
      createdAt: z.date(),
    }),
  ),
  refundedFen: z.number(),
});

/** A shopper's order in a challenge: the challenge's state and tier, and the order's difference refund once opened. */
export const OrderChallengeResponse = ChallengeProgressResponse.pick({
  id: true,
  name: true,
  endsAt: true,
  state: true,
  settled: true,
  participants: true,
  payBps: true,
}).extend({
  refund: z
    .object({ afterSaleId: z.number(), refundFen: z.number(), status: z.string(), createdAt: z.date() })
    .nullable(),
});
