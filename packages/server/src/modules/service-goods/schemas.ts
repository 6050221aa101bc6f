// The service-goods contract: redeeming a code at the front desk and the list of codes.
import { z } from "zod";
import { fromDigits, Id } from "../../http/input-types.ts";

export const RedeemBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}$/, "a code like K7QM-3XWD-P9AF"),
});

export const RedemptionQuery = z.strictObject({
  status: z.enum(["issued", "redeemed"]).optional(),
  cursor: Id.optional(),
  limit: fromDigits(z.number().int().min(1).max(100).default(20)),
});

export const RedemptionPage = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      status: z.enum(["issued", "redeemed"]),
      issuedAt: z.date(),
      redeemedAt: z.date().nullable(),
      orderId: z.number(),
      orderNo: z.string(),
      orderStatus: z.string(),
    }),
  ),
  nextCursor: z.number().nullable(),
});
