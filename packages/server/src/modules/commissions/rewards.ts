// Rewards at an order's completion, through the ledger: the first-order reward to a new distributor for their first
// completed promoted order, and the invite reward when an invitee who became a distributor completes an
// order. Nothing for recruiting alone; daily caps per earner; once each (unique rows and ledger keys).
import { buildRewardPosting, decideFirstOrderReward, decideInviteReward, fen } from "@liebian/domain";
import { sql } from "drizzle-orm";
import { queryRows, type Tx } from "../../db/client.ts";
import { distributionRewards } from "../../db/schema/distribution.ts";
import { AppError } from "../../errors/app-error.ts";
import { getDistributionSettings } from "../distribution/settings.ts";
import { findDistributor } from "../distributors/repo.ts";
import { postLedgerTransaction } from "../ledger/service.ts";
import { grantCouponReward } from "../marketing/service.ts";
import type { OrderMoment } from "../orders/events.ts";
import { lockSnapshot } from "./repo.ts";
import { readSnapshot } from "./snapshot.ts";

/** The Asia/Shanghai business date (UTC+8 all year). */
export function businessDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

async function today(tx: Tx, earner: number, kind: string, date: string) {
  const [row] = await queryRows<{ count: number; amount: number }>(
    tx,
    sql`select count(*)::int as count, coalesce(sum(amount_fen), 0)::bigint as amount from distribution_rewards
        where earner_user_id = ${earner} and kind = ${kind} and business_date = ${date}`,
  );
  return { count: row?.count ?? 0, amountFen: fen(Number(row?.amount ?? 0)) };
}

async function pay(
  tx: Tx,
  kind: "first_order" | "invite",
  earner: number,
  orderId: number,
  invitee: number | null,
  amountFen: number,
  at: Date,
) {
  const date = businessDate(at);
  const [row] = await tx
    .insert(distributionRewards)
    .values({
      kind,
      earnerUserId: earner,
      orderId,
      inviteeUserId: invitee,
      amountFen,
      businessDate: date,
      createdAt: at,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) return;
  await postLedgerTransaction(
    tx,
    buildRewardPosting({
      rewardId: row.id,
      kind,
      earnerUserId: earner,
      orderId,
      inviteeUserId: invitee,
      amountFen,
      at,
    }),
  );
}

export async function grantCompletionRewards(tx: Tx, moment: OrderMoment): Promise<void> {
  const snapshot = await lockSnapshot(tx, moment.orderId);
  const direct = snapshot ? readSnapshot(snapshot).chain[0] : undefined;
  if (!direct) return;
  const earner = Number(direct.userId);
  const settings = await getDistributionSettings(tx);
  const distributor = await findDistributor(tx, earner);
  const active = distributor?.status === "active";
  const [facts] = await queryRows<{
    promoted: number;
    firstDone: boolean;
    inviteDone: boolean;
    buyerCompleted: number;
  }>(
    tx,
    sql`select (select count(*) from order_distribution s join orders o on o.id = s.order_id
                where o.status = 'completed' and s.chain->0->>'userId' = ${String(earner)})::int as promoted,
               exists(select 1 from distribution_rewards where kind = 'first_order' and earner_user_id = ${earner}) as "firstDone",
               exists(select 1 from distribution_rewards where kind = 'invite' and earner_user_id = ${earner}
                      and invitee_user_id = ${moment.buyerUserId}) as "inviteDone",
               (select count(*) from orders where buyer_user_id = ${moment.buyerUserId} and status = 'completed')::int as "buyerCompleted"`,
  );
  const rules = settings.rewards;
  const first = decideFirstOrderReward({
    rule: {
      ...rules.firstOrder,
      amountFen: fen(rules.firstOrder.amountFen),
      dailyCapFen: rules.firstOrder.dailyCapFen === null ? null : fen(rules.firstOrder.dailyCapFen),
    },
    distributor: { isActiveDistributor: active, alreadyRewarded: facts!.firstDone },
    completedPromotedOrders: facts!.promoted,
    orderCompleted: true,
    today: await today(tx, earner, "first_order", businessDate(moment.at)),
  });
  if (first.kind === "reward")
    await pay(tx, "first_order", earner, moment.orderId, null, first.amountFen, moment.at);
  const invitee = await findDistributor(tx, moment.buyerUserId);
  if (invitee?.status !== "active") return;
  const invite = decideInviteReward({
    rule: {
      ...rules.invite,
      amountFen: fen(rules.invite.amountFen),
      dailyCapFen: rules.invite.dailyCapFen === null ? null : fen(rules.invite.dailyCapFen),
    },
    inviter: { userId: String(earner), isActiveDistributor: active },
    invitee: {
      userId: String(moment.buyerUserId),
      completedOrderCount: facts!.buyerCompleted,
      alreadyRewardedForInvitee: facts!.inviteDone,
    },
    today: await today(tx, earner, "invite", businessDate(moment.at)),
  });
  if (invite.kind !== "reward") return;
  if (rules.invite.payAs === "coupon")
    await giveInviteCoupon(tx, rules.invite.couponTemplateId!, earner, moment);
  else await pay(tx, "invite", earner, moment.orderId, moment.buyerUserId, invite.amountFen, moment.at);
}

/**
 * The invite reward as a coupon (代金券): once per invitee (the coupon's own unique reference). No money moves
 * until the coupon is used, so no ledger posting; a template sold out or over its limit gives nothing.
 */
async function giveInviteCoupon(tx: Tx, templateId: number, earner: number, moment: OrderMoment) {
  const sourceRef = `invite_reward:${moment.buyerUserId}`;
  try {
    await tx.transaction((sp) => grantCouponReward(sp, moment.at, { templateId, userId: earner, sourceRef }));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
  }
}
