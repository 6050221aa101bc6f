// What must hold after any crash, read from the database: the ledger audit is clean; every payment the
// provider captured is exactly one paid payment of an order that counts as paid, and no order is paid
// without one; no withdrawal is both paid out and given back, nor paid without its ledger transaction. A
// failed payout keeps its hold (finance approves it again or rejects it), so it has neither.
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../src/db/client.ts";
import { checkLedger } from "../support/ledger-audit.ts";
import type { ProviderPayment } from "./shop-flows.ts";

const UNPAID = sql`('pending_payment', 'closed', 'cancelled')`;

export async function moneyViolations(db: Db, captured: ProviderPayment[]): Promise<string[]> {
  const problems: string[] = [];
  await checkLedger({ db }).catch((error: Error) => problems.push(error.message));
  const paid = await queryRows<{ transaction_id: string; order_id: number; order_status: string }>(
    db,
    sql`select p.transaction_id, p.order_id, o.status as order_status
        from payments p join orders o on o.id = p.order_id where p.status = 'paid'`,
  );
  const byTransaction = new Map<string, typeof paid>();
  for (const row of paid)
    byTransaction.set(row.transaction_id, [...(byTransaction.get(row.transaction_id) ?? []), row]);
  for (const payment of captured) {
    const rows = byTransaction.get(payment.transactionId) ?? [];
    if (rows.length !== 1)
      problems.push(`provider payment ${payment.transactionId} → ${rows.length} paid payments`);
    else if (["pending_payment", "closed", "cancelled"].includes(rows[0]!.order_status))
      problems.push(
        `provider payment ${payment.transactionId} → order ${rows[0]!.order_id} is ${rows[0]!.order_status}`,
      );
  }
  const known = new Set(captured.map((p) => p.transactionId));
  for (const row of paid)
    if (!known.has(row.transaction_id))
      problems.push(`paid payment ${row.transaction_id} was never captured`);
  const orders = await queryRows<{ id: number; n: number }>(
    db,
    sql`select o.id, count(p.id)::int as n from orders o
        left join payments p on p.order_id = o.id and p.status = 'paid'
        where o.status not in ${UNPAID} group by o.id having count(p.id) <> 1`,
  );
  for (const o of orders) problems.push(`order ${o.id} counts as paid with ${o.n} paid payments`);
  const withdrawals = await queryRows<{ id: number; status: string; pays: number; releases: number }>(
    db,
    sql`select w.id, w.status,
          (select count(*)::int from ledger_transactions t where t.idempotency_key = 'wd:' || w.id || ':pay') as pays,
          (select count(*)::int from ledger_transactions t where t.idempotency_key = 'wd:' || w.id || ':release') as releases
        from withdrawals w`,
  );
  for (const w of withdrawals) {
    const expected = w.status === "paid" ? [1, 0] : w.status === "rejected" ? [0, 1] : [0, 0];
    if (w.pays !== expected[0] || w.releases !== expected[1])
      problems.push(`withdrawal ${w.id} is ${w.status} with ${w.pays} payouts and ${w.releases} releases`);
  }
  return problems;
}
