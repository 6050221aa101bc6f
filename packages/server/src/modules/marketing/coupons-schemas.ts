// The coupon contract: templates (a coupon kind of the domain's list with its args), hand-outs and holdings.
import { z } from "zod";
import { Id, singleLine } from "../../http/input-types.ts";

export const CouponTemplateBody = z.strictObject({
  name: singleLine(1, 40),
  kind: z.enum(["coupon_amount_off", "coupon_percent_off", "coupon_free_shipping"]),
  /** The kind's args (domain marketing/kinds/coupons.ts): scope, minSpendFen, offFen / payBps + maxOffFen. */
  args: z.record(z.string(), z.unknown()),
  /** Fixed validity, or `validDays` from the moment a shopper gets it. */
  validFrom: z.coerce.date().nullable().default(null),
  validTo: z.coerce.date().nullable().default(null),
  validDays: z.int().min(1).max(3650).nullable().default(null),
  totalQuantity: z.int().min(1).max(10_000_000),
  perPersonLimit: z.int().min(1).max(100).default(1),
  claimable: z.boolean().default(true),
});
export type CouponTemplateInput = z.output<typeof CouponTemplateBody>;

export const CouponTemplateResponse = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.string(),
  args: z.unknown(),
  validFrom: z.date().nullable(),
  validTo: z.date().nullable(),
  validDays: z.number().nullable(),
  totalQuantity: z.number(),
  issuedCount: z.number(),
  usedCount: z.number(),
  perPersonLimit: z.number(),
  claimable: z.boolean(),
  status: z.enum(["active", "stopped"]),
  /** "满100减20", "9折 最多减5", "包邮" */
  summary: z.string(),
});

export const IssueCouponsBody = z.strictObject({ userIds: z.array(Id).min(1).max(500) });
export const IssueCouponsResponse = z.object({
  issued: z.number(),
  refused: z.array(z.object({ userId: z.number(), code: z.string() })),
});

export const CentreCoupon = CouponTemplateResponse.pick({
  id: true,
  name: true,
  kind: true,
  validFrom: true,
  validTo: true,
  validDays: true,
  perPersonLimit: true,
  summary: true,
}).extend({ left: z.number(), mine: z.number() });

export const MyCouponQuery = z.strictObject({
  status: z.enum(["available", "used", "expired"]).default("available"),
});
export const MyCoupon = z.object({
  id: z.number(),
  templateId: z.number(),
  name: z.string(),
  kind: z.string(),
  summary: z.string(),
  validFrom: z.date(),
  validTo: z.date(),
  status: z.enum(["available", "used", "expired"]),
  usedOrderId: z.number().nullable(),
});
