// Fraud facts for one (buyer, earner) pair on a paid order — shared phone, address or payout account,
// the earner's bind velocity and refund pattern — handed to the domain's detectHoldReasons.
import { createHash } from "node:crypto";
import { detectHoldReasons } from "@liebian/domain";
import { sql } from "drizzle-orm";
import { queryRows, type Tx } from "../../db/client.ts";
import { getDistributionSettings } from "../distribution/settings.ts";
import type { PaidOrder } from "../orders/events.ts";

const hash = (v: string) => createHash("sha256").update(v.replace(/\s+/g, "")).digest("hex");

type Marks = { phones: string[]; addresses: string[]; payouts: string[] };

const idList = (ids: number[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

/**
 * Phone, address and payout marks of the buyer and the earners in one query. The order's own contact and
 * address count for the buyer only (kinds order_phone, order_address), even when the buyer also earns.
 */
async function marksOf(tx: Tx, buyer: number, orderId: number, earners: number[]) {
  const ids = idList([...new Set([buyer, ...earners])]);
  const rows = await queryRows<{ userId: number; kind: string; value: string | null }>(
    tx,
    sql`select id as "userId", 'phone' as kind, phone as value from users where id in (${ids})
        union all select user_id, 'phone', phone from addresses where user_id in (${ids})
        union all select user_id, 'address', region_text || detail from addresses where user_id in (${ids})
        union all select user_id, 'payout', account_hash from withdrawals where user_id in (${ids})
        union all select buyer_user_id, 'order_phone', contact_phone from orders where id = ${orderId}
        union all select buyer_user_id, 'order_address', (address->>'regionText') || (address->>'detail')
                  from orders where id = ${orderId}`,
  );
  return (userId: number, withOrder: boolean): Marks => {
    const of = (...kinds: string[]) =>
      rows
        .filter((r) => r.userId === userId && kinds.includes(r.kind) && r.value)
        .map((r) => r.value as string);
    const order = (kind: string) => (withOrder ? [kind] : []);
    return {
      phones: of("phone", ...order("order_phone")).map(hash),
      addresses: of("address", ...order("order_address")).map(hash),
      payouts: of("payout"),
    };
  };
}

/**
 * Each earner's refund pattern (the maintained counters of earner-counts.ts: O(1) however long their
 * history) and bindings since `since` (newest first, at most 1,000), in one query.
 */
async function earnerHistory(tx: Tx, earners: number[], since: Date) {
  const rows = await queryRows<{ earner: number; orders: number; refunded: number; binds: unknown }>(
    tx,
    sql`select e.id as earner,
          (select coalesce(sum(orders), 0)::int from earner_order_counts where user_id = e.id) as orders,
          (select coalesce(sum(refunded_orders), 0)::int from earner_order_counts where user_id = e.id) as refunded,
          (select coalesce(json_agg(b.at order by b.at desc), '[]'::json) from (
             select at from referral_binding_history where upline_user_id = e.id and at > ${since.toISOString()}::timestamptz
             order by at desc limit 1000) b) as binds
        from (values ${sql.join(
          earners.map((id) => sql`(${id}::bigint)`),
          sql`, `,
        )}) as e(id)`,
  );
  return (earner: number) => {
    const row = rows.find((r) => r.earner === earner);
    const binds = (typeof row?.binds === "string" ? JSON.parse(row.binds) : (row?.binds ?? [])) as string[];
    return {
      refundRatio: { refundedOrders: row?.refunded ?? 0, orders: row?.orders ?? 0 },
      recentBinds: binds.map((at) => new Date(at).getTime()),
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
  const marks = await marksOf(tx, paid.buyerUserId, paid.orderId, earners);
  const buyer = marks(paid.buyerUserId, true);
  const history = await earnerHistory(tx, earners, new Date(paid.paidAt.getTime() - windowMs));
  return new Map(
    earners.map((earnerUserId) => {
      const earner = marks(earnerUserId, false);
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
