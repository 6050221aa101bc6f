// 有礼邀请 at an order's completion: when a shopper bound through a distributor's link completes an order placed
// while an invite-gift activity ran, the inviter and the invitee each get that activity's coupon, once per
// invitee (the first of their orders to complete). The invitee's row is locked first, so two of their orders
// completing at once hand out one pair. A coupon that cannot be given (sold out, over its per-person limit) is
// skipped inside a savepoint; the completion and the other side's coupon stand. Staff read who got what.
import { inviteGiftKind, inviteGiftRef } from "@liebian/domain";
import { sql } from "drizzle-orm";
import { type Executor, queryRows, type Tx } from "../../db/client.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import { findActivity } from "./activities-repo.ts";
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

/**
 * Who got what of one invite-gift activity: each coupon handed out, its side, holder and invitee, and whether it
 * was used. Reads through user_coupons_source_key (template, source, ref prefix).
 */
export async function getInviteGiftResults(db: Executor, activityId: number) {
  const activity = await findActivity(db, activityId);
  if (activity?.kind !== "invite_gift") throw notFound("Activity", { id: activityId });
  const args = inviteGiftKind.args.parse(activity.args);
  const rows = await queryRows<{
    couponId: number;
    sourceRef: string;
    userId: number;
    nickname: string;
    templateId: number;
    templateName: string;
    status: "available" | "used";
    grantedAt: Date;
  }>(
    db,
    sql`select c.id as "couponId", c.source_ref as "sourceRef", c.user_id as "userId", u.nickname,
          c.template_id as "templateId", t.name as "templateName", c.status, c.created_at as "grantedAt"
        from user_coupons c join users u on u.id = c.user_id join coupon_templates t on t.id = c.template_id
        where c.source = 'reward' and c.template_id in (${args.inviterTemplateId}, ${args.inviteeTemplateId})
          and c.source_ref like ${`invite_gift:${activityId}:%`}
        order by c.id desc limit 500`,
  );
  const nicknames = new Map(rows.map((r) => [String(r.userId), r.nickname]));
  return rows.map((r) => {
    const [, , invitee, side] = r.sourceRef.split(":");
    return {
      couponId: Number(r.couponId),
      side: side as "inviter" | "invitee",
      userId: Number(r.userId),
      nickname: r.nickname,
      inviteeUserId: Number(invitee),
      inviteeNickname: nicknames.get(invitee!) ?? null,
      templateId: Number(r.templateId),
      templateName: r.templateName,
      status: r.status,
      grantedAt: new Date(r.grantedAt),
    };
  });
}
