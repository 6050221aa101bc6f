// The ledger audit: recomputes every account balance from its entries and lists what disagrees (L4),
// every transaction whose entries do not sum to zero or are fewer than two (L1), and Σ balances (L6).
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";

export type LedgerAudit = {
  accounts: number;
  transactions: number;
  /** Σ of every cached balance; double entry makes it 0. */
  totalBalanceFen: number;
  differences: { code: string; cachedFen: number; entriesFen: number }[];
  unbalancedTransactions: { transactionId: number; key: string; entries: number; sumFen: number }[];
};

export async function auditLedger(db: Executor): Promise<LedgerAudit> {
  const [totals] = await queryRows<{ accounts: number; transactions: number; total: string | number }>(
    db,
    sql`select (select count(*) from ledger_accounts)::int as accounts,
               (select count(*) from ledger_transactions)::int as transactions,
               (select coalesce(sum(balance_fen), 0) from ledger_accounts)::bigint as total`,
  );
  const differences = await queryRows<LedgerAudit["differences"][number]>(
    db,
    sql`select a.code, a.balance_fen as "cachedFen", coalesce(s.total, 0)::bigint as "entriesFen"
        from ledger_accounts a
        left join (select account_id, sum(amount_fen) as total from ledger_entries group by account_id) s
          on s.account_id = a.id
        where a.balance_fen <> coalesce(s.total, 0)
        order by a.code`,
  );
  const unbalancedTransactions = await queryRows<LedgerAudit["unbalancedTransactions"][number]>(
    db,
    sql`select t.id as "transactionId", t.idempotency_key as key, count(e.id)::int as entries,
               coalesce(sum(e.amount_fen), 0)::bigint as "sumFen"
        from ledger_transactions t left join ledger_entries e on e.transaction_id = t.id
        group by t.id having count(e.id) < 2 or coalesce(sum(e.amount_fen), 0) <> 0
        order by t.id`,
  );
  return {
    accounts: totals!.accounts,
    transactions: totals!.transactions,
    totalBalanceFen: Number(totals!.total),
    differences,
    unbalancedTransactions,
  };
}

/** True when the audit found nothing wrong. */
export function ledgerAuditClean(audit: LedgerAudit): boolean {
  return (
    audit.differences.length === 0 && audit.unbalancedTransactions.length === 0 && audit.totalBalanceFen === 0
  );
}
