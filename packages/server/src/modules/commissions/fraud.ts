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

async function marksOf(tx: Tx, userId: number, orderId: number | null): Promise<Marks> {
  const rows = await queryRows<{ kind: string; value: string | null }>(
    tx,
    sql`select 'phone' as kind, phone as value from users where id = ${userId}
        union all select 'phone', phone from addresses where user_id = ${userId}
        union all select 'address', region_text || detail from addresses where user_id = ${userId}
        union all select 'payout', account_hash from withdrawals where user_id = ${userId}
        ${
          orderId === null
            ? sql``
            : sql`union all select 'phone', contact_phone from orders where id = ${orderId}
                  union all select 'address', (address->>'regionText') || (address->>'detail') from orders where id = ${orderId}`
        }`,
  );
  const of = (kind: string) => rows.filter((r) => r.kind === kind && r.value).map((r) => r.value as string);
  return { phones: of("phone").map(hash), addresses: of("address").map(hash), payouts: of("payout") };
}

/** Why this earner's commission on this order should wait for staff; empty when it may settle normally. */
export async function holdReasonsFor(tx: Tx, paid: PaidOrder, earnerUserId: number): Promise<string[]> {
  const settings = await getDistributionSettings(tx);
  if (!settings.fraud.enabled) return [];
  const buyer = await marksOf(tx, paid.buyerUserId, paid.orderId);
  const earner = await marksOf(tx, earnerUserId, null);
  const windowMs = 3_600_000;
  const [ratio] = await queryRows<{ orders: number; refunded: number }>(
    tx,
    sql`select count(distinct order_id)::int as orders,
               count(distinct order_id) filter (where clawed_back_fen > 0)::int as refunded
        from commissions where earner_user_id = ${earnerUserId}`,
  );
  return detectHoldReasons({
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
    recentBindsOfEarner: await findRecentBindTimes(
      tx,
      earnerUserId,
      new Date(paid.paidAt.getTime() - windowMs),
    ),
    refundRatio: { refundedOrders: ratio?.refunded ?? 0, orders: ratio?.orders ?? 0 },
    thresholds: {
      bindVelocity: { maxBinds: settings.fraud.maxBindsPerHour, windowMs },
      refund: { maxRatioBps: settings.fraud.refundMaxRatioBps, minOrders: settings.fraud.refundMinOrders },
    },
    nowMs: paid.paidAt.getTime(),
  });
}
