// Prizes in kind of bonus and contest runs. Approval grants each one inside its own transaction (domain
// prizeGrantOf): a coupon of a template through marketing's reward issuing, a service SKU as a ¥0 order
// through the service-goods grant (the order path: stock move, redemption code, no payment, nothing to
// commission), each under the line's natural key and recorded on the line (grant_ref), so approving again
// grants nothing. A physical prize is left for staff, who mark it sent (发放登记, who and when, audited); the
// winner sees where their prize stands in the shop's contest view.
import {
  type ContestPrize,
  type PrizeGrant,
  type PrizeInKind,
  prizeGrantKey,
  prizeGrantOf,
  prizeStatusOf,
} from "@liebian/domain";
import { and, eq, sql } from "drizzle-orm";
import { type Db, type Executor, queryRows, type Tx } from "../../db/client.ts";
import { dividendRunLines } from "../../db/schema/dividends.ts";
import { inTransaction } from "../../db/transaction.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { recordAudit } from "../audit/service.ts";
import { findCouponTemplate, findRewardCoupon } from "../marketing/coupons-repo.ts";
import { grantCouponReward } from "../marketing/service.ts";
import { findSkuForSale } from "../orders/repo.ts";
import { grantServiceOrder } from "../service-goods/service.ts";
import { findPrizeLines, type RunRow } from "./repo.ts";

type RunStatement = {
  settings?: { bonuses?: ({ kind: string; prizeLabel?: string } & PrizeInKind)[] };
  contest?: { id: number; prizes?: ContestPrize[] };
};

/** Refuses (PRIZE_INVALID) a prize naming a coupon template that does not exist or a SKU that is not a service. */
export async function checkPrizeTargets(db: Executor, prizes: readonly PrizeInKind[]): Promise<void> {
  for (const prize of prizes) {
    const grant = prizeGrantOf(prize);
    if (grant.kind === "coupon" && !(await findCouponTemplate(db, grant.templateId)))
      throw new AppError("PRIZE_INVALID", "The prize's coupon template does not exist", {
        couponTemplateId: grant.templateId,
      });
    if (grant.kind === "order" && (await findSkuForSale(db, grant.skuId))?.kind !== "service")
      throw new AppError("PRIZE_INVALID", "A product prize is a service SKU (a course, a class)", {
        skuId: grant.skuId,
      });
  }
}

/** The prize a line of the run stands for: its bonus rule (group = rule number) or contest rank. */
function grantOfLine(run: RunRow, groupId: number): PrizeGrant {
  const statement = run.statement as RunStatement;
  if (run.kind === "bonus") {
    const rule = statement.settings?.bonuses?.[groupId - 1];
    return rule?.kind === "in_kind"
      ? prizeGrantOf({ ...rule, item: rule.prizeLabel ?? null })
      : { kind: "none" };
  }
  const prize = statement.contest?.prizes?.find((p) => p.rank === groupId);
  return prize ? prizeGrantOf(prize) : { kind: "none" };
}

/**
 * Grants the run's coupons and ¥0 orders inside the approval's transaction; a refusal (a template sold out,
 * a SKU out of stock) refuses the approval, so nothing is half granted. Returns how many were granted now.
 */
export async function grantPrizes(tx: Tx, run: RunRow, at: Date): Promise<number> {
  if (run.kind !== "bonus" && run.kind !== "contest") return 0;
  let granted = 0;
  for (const line of await findPrizeLines(tx, run.id)) {
    if (line.grantRef) continue;
    const grant = grantOfLine(run, line.groupId);
    const key = prizeGrantKey(run, line.groupId, line.userId);
    let ref: string;
    if (grant.kind === "coupon") {
      const given = { templateId: grant.templateId, userId: line.userId, sourceRef: key };
      const id =
        (await grantCouponReward(tx, at, given)) ?? (await findRewardCoupon(tx, grant.templateId, key))!.id;
      ref = `coupon:${id}`;
    } else if (grant.kind === "order") {
      const order = await grantServiceOrder(tx, {
        key,
        userId: line.userId,
        skuId: grant.skuId,
        reason: line.item,
        at,
      });
      ref = `order:${order.orderId}`;
    } else continue;
    await tx
      .update(dividendRunLines)
      .set({ grantRef: ref })
      .where(lineIs({ runId: run.id, userId: line.userId, groupId: line.groupId }));
    granted++;
  }
  return granted;
}

type LineKey = { runId: number; userId: number; groupId: number };
const lineIs = (k: LineKey) =>
  and(
    eq(dividendRunLines.runId, k.runId),
    eq(dividendRunLines.userId, k.userId),
    eq(dividendRunLines.groupId, k.groupId),
  );

type PrizeRow = {
  runId: string | number;
  kind: string;
  periodKey: string;
  userId: string | number;
  nickname: string | null;
  groupId: number;
  item: string;
  fulfilledAt: Date | string | null;
  fulfilledBy: string | number | null;
  fulfilledByName: string | null;
};

const prizeView = (r: PrizeRow) => ({
  runId: Number(r.runId),
  kind: r.kind,
  periodKey: r.periodKey,
  userId: Number(r.userId),
  nickname: r.nickname,
  groupId: r.groupId,
  item: r.item,
  fulfilledAt: r.fulfilledAt === null ? null : new Date(r.fulfilledAt),
  fulfilledBy: r.fulfilledByName,
});

/** Physical prizes of approved runs (no coupon or order stands for them), to send or sent, newest run first. */
export async function listPhysicalPrizes(
  db: Executor,
  q: { status: "to_send" | "sent"; limit: number; offset: number },
) {
  const rows = await queryRows<PrizeRow>(
    db,
    sql`select l.run_id as "runId", r.kind, r.period_key as "periodKey", l.user_id as "userId", u.nickname,
               l.group_id as "groupId", l.item, l.fulfilled_at as "fulfilledAt", l.fulfilled_by as "fulfilledBy",
               s.username as "fulfilledByName"
        from dividend_run_lines l
        join dividend_runs r on r.id = l.run_id
        left join users u on u.id = l.user_id
        left join staff s on s.id = l.fulfilled_by
        where l.item is not null and l.grant_ref is null and r.status = 'approved'
          and (l.fulfilled_at is null) = ${q.status === "to_send"}
        order by l.run_id desc, l.group_id, l.user_id limit ${q.limit} offset ${q.offset}`,
  );
  return rows.map(prizeView);
}

/**
 * Staff mark a physical prize sent: who and when, audited. Marking it again changes nothing; a line that is
 * not an approved physical prize (a coupon, an order, a preview) is refused with PRIZE_STATE_INVALID.
 */
export async function markPrizeSent(deps: { db: Db; now: () => Date }, actor: StaffActor, key: LineKey) {
  return inTransaction(deps.db, async (tx) => {
    const [line] = await queryRows<{
      item: string | null;
      grantRef: string | null;
      fulfilledAt: Date | null;
      status: string;
    }>(
      tx,
      sql`select l.item, l.grant_ref as "grantRef", l.fulfilled_at as "fulfilledAt", r.status
          from dividend_run_lines l join dividend_runs r on r.id = l.run_id
          where l.run_id = ${key.runId} and l.user_id = ${key.userId} and l.group_id = ${key.groupId}
          for update of l`,
    );
    if (!line) throw notFound("Prize", key);
    if (line.status !== "approved" || line.item === null || line.grantRef !== null)
      throw new AppError(
        "PRIZE_STATE_INVALID",
        "Only a physical prize of an approved run is marked as sent",
        {
          runStatus: line.status,
          grantRef: line.grantRef,
        },
      );
    if (line.fulfilledAt === null) {
      const at = deps.now();
      await tx
        .update(dividendRunLines)
        .set({ fulfilledAt: at, fulfilledBy: actor.staffId })
        .where(lineIs(key));
      await recordAudit(tx, actor, {
        action: "dividend_prize.sent",
        entity: "dividend_run",
        entityId: key.runId,
        after: { ...key, item: line.item, sentAt: at },
      });
    }
    const [row] = await queryRows<PrizeRow>(
      tx,
      sql`select l.run_id as "runId", r.kind, r.period_key as "periodKey", l.user_id as "userId", u.nickname,
                 l.group_id as "groupId", l.item, l.fulfilled_at as "fulfilledAt",
                 l.fulfilled_by as "fulfilledBy", s.username as "fulfilledByName"
          from dividend_run_lines l join dividend_runs r on r.id = l.run_id
          left join users u on u.id = l.user_id left join staff s on s.id = l.fulfilled_by
          where l.run_id = ${key.runId} and l.user_id = ${key.userId} and l.group_id = ${key.groupId}`,
    );
    return prizeView(row!);
  });
}

/** The caller's place in a frozen contest: their prize and where it stands (null when they won nothing). */
export async function findMyContestPrize(db: Executor, run: RunRow | null, userId: number) {
  if (!run) return null;
  const [line] = await queryRows<{
    groupId: number;
    amountFen: string | number;
    item: string | null;
    grantRef: string | null;
    fulfilledAt: Date | string | null;
  }>(
    db,
    sql`select group_id as "groupId", amount_fen as "amountFen", item, grant_ref as "grantRef",
               fulfilled_at as "fulfilledAt"
        from dividend_run_lines where run_id = ${run.id} and user_id = ${userId}`,
  );
  if (!line) return null;
  const fulfilledAt = line.fulfilledAt === null ? null : new Date(line.fulfilledAt);
  const [refKind, refId] = (line.grantRef ?? ":").split(":");
  return {
    rank: line.groupId,
    cashFen: Number(line.amountFen),
    item: line.item,
    status: line.item
      ? prizeStatusOf({
          runStatus: run.status,
          grantRef: line.grantRef,
          sentAtMs: fulfilledAt?.getTime() ?? null,
        })
      : null,
    orderId: refKind === "order" ? Number(refId) : null,
    couponId: refKind === "coupon" ? Number(refId) : null,
    sentAt: fulfilledAt,
  };
}
