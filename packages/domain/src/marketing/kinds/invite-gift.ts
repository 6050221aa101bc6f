// 有礼邀请: when a shopper who came through a distributor's link completes their first order, the inviter and the
// invitee each get a coupon (a template each). It prices nothing; the server grants the coupons at completion.
import { z } from "zod";
import { definePromotionKind } from "../promotion.ts";

export const inviteGiftKind = definePromotionKind({
  kind: "invite_gift",
  stage: "reward",
  commissionKind: null,
  args: z.object({
    /** The coupon template the inviter (the invitee's distributor) gets. */
    inviterTemplateId: z.int().min(1),
    /** The coupon template the invitee gets. */
    inviteeTemplateId: z.int().min(1),
  }),
  apply: () => [],
});

/**
 * Whose coupon an invite gift hands out for one invitee: once per activity, invitee and side, whichever of
 * the invitee's orders completes first. Example: activity 7, invitee 42 → "invite_gift:7:42:inviter".
 */
export function inviteGiftRef(
  activityId: string,
  inviteeUserId: string,
  side: "inviter" | "invitee",
): string {
  return `invite_gift:${activityId}:${inviteeUserId}:${side}`;
}
