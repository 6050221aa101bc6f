// 有礼邀请 at an order's completion: when a shopper bound through a distributor's link completes an order placed
// while an invite-gift activity ran, the inviter and the invitee each get that activity's coupon, once per
// invitee (the first of their orders to complete). The invitee's row is locked first, so two of their orders
// completing at once hand out one pair. A coupon that cannot be given (sold out, over its per-person limit) is
// skipped inside a savepoint; the completion and the other side's coupon stand.
import { inviteGiftKind, inviteGiftRef } from "@liebian/domain";
import { sql } from "drizzle-orm";
import { queryRows, type Tx } from "../../db/client.ts";
import { AppError } from "../../errors/app-error.ts";
import { grantCouponReward } from "./coupons-service.ts";

type Moment = { orderId: number; buyerUserId: number; at: Date };

export async function grantInviteGifts(tx: Tx, moment: Moment): Promise<number> {
  const running = await queryRows<{ id: number; args: unknown; inviterId: number }>(
    tx,
    sql`select a.id, a.args, b.upline_user_id as "inviterId"
        from orders o
        join referral_bindings b on b.user_id = o.buyer_user_id and b.source <> 'staff'
        join activities a on a.kind = 'invite_gift' and a.status = 'active'
             and a.starts_at <= o.placed_at and a.ends_at > o.placed_at
        where o.id = ${moment.orderId}`,
  );
  if (running.length === 0) return 0;
  await queryRows(tx, sql`select 1 from users where id = ${moment.buyerUserId} for update`);
  let given = 0;
  for (const activity of running) {
    const args = inviteGiftKind.args.parse(activity.args);
    const sides = [
      { side: "invitee", userId: moment.buyerUserId, templateId: args.inviteeTemplateId },
      { side: "inviter", userId: Number(activity.inviterId), templateId: args.inviterTemplateId },
    ] as const;
    for (const { side, userId, templateId } of sides) {
      const sourceRef = inviteGiftRef(String(activity.id), String(moment.buyerUserId), side);
      try {
        const id = await tx.transaction((sp) =>
          grantCouponReward(sp, moment.at, { templateId, userId, sourceRef }),
        );
        if (id !== null) given++;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
      }
    }
  }
  return given;
}
