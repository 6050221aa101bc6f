// HTTP contract of referral binding: a link's visit, the shopper's referrer and team (shop); moving a
// shopper to another upline and the binding history (staff).
import { z } from "zod";
import { bindingSources } from "../../db/schema/distribution.ts";
import { fromDigits } from "../../http/input-types.ts";
import { pageOf } from "../../http/page.ts";

export const VisitBody = z.strictObject({
  ref: z.string().trim().min(4).max(16),
  /** storefront: a distributor's storefront; activity: a group buy or group; both bind like a link. */
  source: z.enum(["link", "poster", "product", "storefront", "activity"]),
  productId: z.number().int().positive().optional(),
  scene: z.string().max(64).optional(),
});
/** `outcome`: "bound", "anonymous", or why the visit kept the shopper's binding (e.g. "PROTECTED"). */
export const VisitResponse = z.strictObject({ outcome: z.string(), bound: z.boolean() });

const BindSource = z.enum(bindingSources);

/** Who referred the shopper, or null. */
export const ReferrerResponse = z.strictObject({
  referrer: z
    .object({
      userId: z.number(),
      nickname: z.string().nullable(),
      inviteCode: z.string().nullable(),
      boundAt: z.date(),
      source: BindSource,
    })
    .nullable(),
});

export const TeamQuery = z.strictObject({ level: fromDigits(z.number().int().min(1).max(3).default(1)) });

/** The team by level (members and paid sales net of refunds) and the newest members of the asked level. */
export const TeamResponse = z.strictObject({
  levels: z.array(z.strictObject({ level: z.number(), members: z.number(), salesFen: z.number() })),
  members: z.array(
    z.strictObject({ userId: z.number(), nickname: z.string(), boundAt: z.date(), level: z.number() }),
  ),
});

export const ReassignBody = z.strictObject({
  uplineUserId: z.number().int().positive(),
  reason: z.string().trim().min(1).max(200),
});

/** A shopper's current upline (table `referral_bindings`). */
export const Binding = z.strictObject({
  userId: z.number(),
  uplineUserId: z.number(),
  source: BindSource,
  productId: z.number().nullable(),
  scene: z.string().nullable(),
  boundAt: z.date(),
  expiresAt: z.date().nullable(),
  /** Until then another distributor's link cannot take the shopper over. */
  protectedUntil: z.date(),
});

/** Every binding made, replaced or reassigned, with the people by name. */
export const BindingChanges = pageOf(
  z.strictObject({
    id: z.number(),
    userId: z.number(),
    uplineUserId: z.number(),
    previousUplineUserId: z.number().nullable(),
    source: BindSource,
    productId: z.number().nullable(),
    scene: z.string().nullable(),
    reason: z.string().nullable(),
    staffId: z.number().nullable(),
    at: z.date(),
    userNickname: z.string().nullable(),
    uplineNickname: z.string().nullable(),
    previousUplineNickname: z.string().nullable(),
    staffName: z.string().nullable(),
  }),
);
