// Fraud facts for one (buyer, earner) pair on a paid order — shared phone, address or payout account,
// the earner's bind velocity and refund pattern — handed to the domain's detectHoldReasons.
import { createHash } from "node:crypto";
import { detectHoldReasons } from "@liebian/domain";
import { sql } from "drizzle-orm";
import { queryRows, type Tx } from "../../db/client.ts";
import { findRecentBindTimes } from "../binding/repo.ts";
import { getDistributionSettings } from "../distribution/settings.ts";
import type { PaidOrder } from "../orders/events.ts";

const hash = (v: string) => createHash("sha256").update(v.replace(/\s+/g, "")).digest("hex");

type Marks = { phones: string[]; addresses: string[]; payouts: string[] };

/** Phone, address and payout marks of several users in one query; `orderId` adds the order's own. */
async function marksOf(tx: Tx, userIds: number[], orderId: number | null): Promise<Map<number, Marks>> {
  const ids = sql.join(
    userIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows = await queryRows<{ userId: number; kind: string; value: string | null }>(
    tx,
    sql`select id as "userId", 'phone' as kind, phone as value from users where id in (${ids})
        union all select user_id, 'phone', phone from addresses where user_id in (${ids})
        union all select user_id, 'address', region_text || detail from addresses where user_id in (${ids})
        union all select user_id, 'payout', account_hash from withdrawals where user_id in (${ids})
        ${
          orderId === null
            ? sql``
            : sql`union all select buyer_user_id, 'phone', contact_phone from orders where id = ${orderId}
                  union all select buyer_user_id, 'address', (address->>'regionText') || (address->>'detail') from orders where id = ${orderId}`
        }`,
  );
  return new Map(
    userIds.map((id) => {
      const of = (kind: string) =>
        rows.filter((r) => r.userId === id && r.kind === kind && r.value).map((r) => r.value as string);
      return [
        id,
        { phones: of("phone").map(hash), addresses: of("address").map(hash), payouts: of("payout") },
      ];
    }),
  );
}

/** Each earner's refund pattern and recent bindings, two queries for all of them. */
async function earnerHistory(tx: Tx, earners: number[], since: Date) {
  const ids = sql.join(
    earners.map((id) => sql`${id}`),
    sql`, `,
  );
  const ratios = await queryRows<{ earner: number; orders: number; refunded: number }>(
    tx,
    sql`select earner_user_id as earner, count(distinct order_id)::int as orders,
               count(distinct order_id) filter (where clawed_back_fen > 0)::int as refunded
        from commissions where earner_user_id in (${ids}) group by earner_user_id`,
  );
  const binds = await findRecentBindTimes(tx, earners, since);
  return (earner: number) => {
    const ratio = ratios.find((r) => r.earner === earner);
    return {
      refundRatio: { refundedOrders: ratio?.refunded ?? 0, orders: ratio?.orders ?? 0 },
      recentBinds: binds.get(earner) ?? [],
    };
  };
}

/** Why each earner's commission on this order should wait for staff; empty when it may settle normally. */
export async function holdReasonsByEarner(
  tx: Tx,
  paid: PaidOrder,
  earners: number[],
): Promise<Map<number, string[]>> {
  const settings = await getDistributionSettings(tx);
  if (!settings.fraud.enabled || earners.length === 0) return new Map(earners.map((e) => [e, []]));
  const windowMs = 3_600_000;
  const buyer = (await marksOf(tx, [paid.buyerUserId], paid.orderId)).get(paid.buyerUserId)!;
  const marks = await marksOf(tx, earners, null);
  const history = await earnerHistory(tx, earners, new Date(paid.paidAt.getTime() - windowMs));
  return new Map(
    earners.map((earnerUserId) => {
      const earner = marks.get(earnerUserId)!;
      const { refundRatio, recentBinds } = history(earnerUserId);
      const reasons = detectHoldReasons({
        buyer: {
          userId: String(paid.buyerUserId),
          phoneHashes: buyer.phones,
          addressHashes: buyer.addresses,
          payoutAccountHashes: buyer.payouts,
        },
        earner: {
          userId: String(earnerUserId),
          phoneHashes: earner.phones,
          addressHashes: earner.addresses,
          payoutAccountHashes: earner.payouts,
        },
        recentBindsOfEarner: recentBinds,
        refundRatio,
        thresholds: {
          bindVelocity: { maxBinds: settings.fraud.maxBindsPerHour, windowMs },
          refund: {
            maxRatioBps: settings.fraud.refundMaxRatioBps,
            minOrders: settings.fraud.refundMinOrders,
          },
        },
        nowMs: paid.paidAt.getTime(),
      });
      return [earnerUserId, reasons];
    }),
  );
}
