// Fraud facts for one (buyer, earner) pair on a paid order — shared phone, address or payout account,
// the earner's bind velocity and refund pattern — handed to the domain's detectHoldReasons.
import { createHash } from "node:crypto";
import { detectHoldReasons } from "@liebian/domain";
import type { Tx } from "../../db/client.ts";
import { runStatement } from "../../db/statement.ts";
import type { DistributionSettingsValue } from "../distribution/settings-schema.ts";
import type { PaidOrder } from "../orders/events.ts";

const hash = (v: string) => createHash("sha256").update(v.replace(/\s+/g, "")).digest("hex");

type Marks = { phones: string[]; addresses: string[]; payouts: string[] };

/** One fact row: whose, which kind, its value. */
export type FraudFact = { userId: number; kind: string; value: string | null };

/**
 * Everything the check needs, as one query's text (confirm-payment's lock statement embeds it): phone,
 * address and payout marks of `people` (the buyer and the earners; the order's own contact and address
 * count for the buyer only — kinds order_phone, order_address — even when the buyer also earns), and per
 * person the refund counters (earner-counts.ts: O(1) however long their history) and the bindings since
 * `since` (newest first, at most 1,000). The arguments are SQL expressions: a bigint[], the order's id, a
 * timestamptz.
 */
export function fraudFactsQuery(people: string, orderId: string, since: string): string {
  return `select id as "userId", 'phone' as kind, phone as value from users where id = any(${people})
     union all select user_id, 'phone', phone from addresses where user_id = any(${people})
     union all select user_id, 'address', region_text || detail from addresses where user_id = any(${people})
     union all select user_id, 'payout', account_hash from withdrawals where user_id = any(${people})
     union all select buyer_user_id, 'order_phone', contact_phone from orders where id = ${orderId}
     union all select buyer_user_id, 'order_address', (address->>'regionText') || (address->>'detail')
               from orders where id = ${orderId}
     union all select user_id, 'orders', sum(orders)::text from earner_order_counts
               where user_id = any(${people}) group by user_id
     union all select user_id, 'refunded', sum(refunded_orders)::text from earner_order_counts
               where user_id = any(${people}) group by user_id
     union all select upline_user_id, 'bind', floor(extract(epoch from at) * 1000)::bigint::text from (
               select upline_user_id, at, row_number() over (partition by upline_user_id order by at desc) as n
               from referral_binding_history
               where upline_user_id = any(${people}) and at > ${since}) b
               where n <= 1000`;
}

/** The window the bind velocity is counted over, ending at the payment. */
export const BIND_WINDOW_MS = 3_600_000;

function factsOf(rows: FraudFact[]) {
  const byUser = new Map<number, FraudFact[]>();
  for (const r of rows) {
    const userId = Number(r.userId);
    if (!r.value) continue;
    const list = byUser.get(userId);
    if (list) list.push(r);
    else byUser.set(userId, [r]);
  }
  const of = (userId: number, ...kinds: string[]) =>
    (byUser.get(userId) ?? []).filter((r) => kinds.includes(r.kind)).map((r) => r.value as string);
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

/** The facts of the buyer and `earners` on the order, read in their own statement. */
export async function readFraudFacts(
  tx: Tx,
  paid: Pick<PaidOrder, "orderId" | "buyerUserId" | "paidAt">,
  earners: number[],
): Promise<FraudFact[]> {
  return runStatement<FraudFact>(tx, fraudFactsQuery("$1::bigint[]", "$2", "$3::timestamptz"), [
    `{${[...new Set([paid.buyerUserId, ...earners])].join(",")}}`,
    paid.orderId,
    new Date(paid.paidAt.getTime() - BIND_WINDOW_MS).toISOString(),
  ]);
}

/**
 * Why each earner's commission on this order should wait for staff; empty when it may settle normally.
 * `facts` are the rows of fraudFactsQuery for the buyer and (at least) these earners, or null when the
 * check is off (`settings.fraud.enabled`).
 */
export function holdReasonsByEarner(
  settings: DistributionSettingsValue,
  paid: Pick<PaidOrder, "buyerUserId" | "paidAt">,
  earners: number[],
  facts: FraudFact[] | null,
): Map<number, string[]> {
  if (!settings.fraud.enabled || facts === null || earners.length === 0)
    return new Map(earners.map((e) => [e, []]));
  const windowMs = BIND_WINDOW_MS;
  const { marks, history } = factsOf(facts);
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
