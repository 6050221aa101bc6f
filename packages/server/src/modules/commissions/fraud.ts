// Fraud facts for one (buyer, earner) pair on a paid order — shared phone, address or payout account,
// the earner's bind velocity and refund pattern — handed to the domain's detectHoldReasons.
import { createHash } from "node:crypto";
import { detectHoldReasons } from "@liebian/domain";
import type { Tx } from "../../db/client.ts";
import { runStatement } from "../../db/statement.ts";
import { getDistributionSettings } from "../distribution/settings.ts";
import type { PaidOrder } from "../orders/events.ts";

const hash = (v: string) => createHash("sha256").update(v.replace(/\s+/g, "")).digest("hex");

type Marks = { phones: string[]; addresses: string[]; payouts: string[] };

/**
 * Everything the check needs, in one query: phone, address and payout marks of the buyer and the earners
 * (the order's own contact and address count for the buyer only — kinds order_phone, order_address — even
 * when the buyer also earns), and per earner the refund counters (earner-counts.ts: O(1) however long their
 * history) and the bindings since `since` (newest first, at most 1,000).
 */
async function factsOf(tx: Tx, buyer: number, orderId: number, earners: number[], since: Date) {
  const ids = `{${[...new Set([buyer, ...earners])].join(",")}}`;
  const earnerIds = `{${earners.join(",")}}`;
  const rows = await runStatement<{ userId: number; kind: string; value: string | null }>(
    tx,
    `select id as "userId", 'phone' as kind, phone as value from users where id = any($1::bigint[])
     union all select user_id, 'phone', phone from addresses where user_id = any($1::bigint[])
     union all select user_id, 'address', region_text || detail from addresses where user_id = any($1::bigint[])
     union all select user_id, 'payout', account_hash from withdrawals where user_id = any($1::bigint[])
     union all select buyer_user_id, 'order_phone', contact_phone from orders where id = $2
     union all select buyer_user_id, 'order_address', (address->>'regionText') || (address->>'detail')
               from orders where id = $2
     union all select user_id, 'orders', sum(orders)::text from earner_order_counts
               where user_id = any($3::bigint[]) group by user_id
     union all select user_id, 'refunded', sum(refunded_orders)::text from earner_order_counts
               where user_id = any($3::bigint[]) group by user_id
     union all select upline_user_id, 'bind', floor(extract(epoch from at) * 1000)::bigint::text from (
               select upline_user_id, at, row_number() over (partition by upline_user_id order by at desc) as n
               from referral_binding_history
               where upline_user_id = any($3::bigint[]) and at > $4::timestamptz) b
               where n <= 1000`,
    [ids, orderId, earnerIds, since.toISOString()],
  );
  const of = (userId: number, ...kinds: string[]) =>
    rows
      .filter((r) => Number(r.userId) === userId && kinds.includes(r.kind) && r.value)
      .map((r) => r.value as string);
  const marks = (userId: number, withOrder: boolean): Marks => {
    const order = (kind: string) => (withOrder ? [kind] : []);
    return {
      phones: of(userId, "phone", ...order("order_phone")).map(hash),
      addresses: of(userId, "address", ...order("order_address")).map(hash),
      payouts: of(userId, "payout"),
    };
  };
  const history = (earner: number) => ({
    refundRatio: {
      refundedOrders: Number(of(earner, "refunded")[0] ?? 0),
      orders: Number(of(earner, "orders")[0] ?? 0),
    },
    recentBinds: of(earner, "bind").map(Number),
  });
  return { marks, history };
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
  const since = new Date(paid.paidAt.getTime() - windowMs);
  const { marks, history } = await factsOf(tx, paid.buyerUserId, paid.orderId, earners, since);
  const buyer = marks(paid.buyerUserId, true);
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
