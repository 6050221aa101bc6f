// The ledger audit: recomputes every account balance from its entries and lists what disagrees with the
// kept balance (its row plus its slot rows) (L4),
// every transaction whose entries do not sum to zero or are fewer than two (L1), and Σ balances (L6).
// The shop-wide frozen commissions account against what its subsidiary rows say: the open commissions
// (frozen or held) less their clawbacks, each earner's frozen balance (migration 0049); and the shop-wide
// released account against its subsidiary rows, the earners' releases not folded yet (0053).
// The shop wallets too: no wallet recomputed from its entries owes less than nothing, and what each
// shopper's wallet hold keeps equals the balance parts of their orders still awaiting payment.
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { ledgerAccount } from "./accounts.ts";

export type LedgerAudit = {
  accounts: number;
  transactions: number;
  /** Σ of every kept balance (account rows and slot rows); double entry makes it 0. */
  totalBalanceFen: number;
  differences: { code: string; cachedFen: number; entriesFen: number }[];
  unbalancedTransactions: { transactionId: number; key: string; entries: number; sumFen: number }[];
  /** Wallets whose entries sum to a negative balance (an overdraft). */
  overdrawnWallets: { code: string; balanceFen: number }[];
  /** Shoppers whose wallet hold differs from the balance parts of their unpaid orders. */
  walletHoldDifferences: { userId: number; heldFen: number; unpaidOrdersFen: number }[];
  /** What commission_frozen holds (from its entries) and what the open commission rows add up to: equal. */
  frozenCommissions: { ledgerFen: number; commissionsFen: number };
  /** What commission_released holds (from its entries) and what the pending release rows add up to: equal. */
  releasedCommissions: { ledgerFen: number; pendingFen: number };
};

export async function auditLedger(db: Executor): Promise<LedgerAudit> {
  const [totals] = await queryRows<{ accounts: number; transactions: number; total: string | number }>(
    db,
    sql`select (select count(*) from ledger_accounts)::int as accounts,
               (select count(*) from ledger_transactions)::int as transactions,
               ((select coalesce(sum(balance_fen), 0) from ledger_accounts)
                + (select coalesce(sum(balance_fen), 0) from ledger_balance_slots))::bigint as total`,
  );
  const differences = await queryRows<LedgerAudit["differences"][number]>(
    db,
    sql`select a.code, (a.balance_fen + coalesce(k.total, 0))::bigint as "cachedFen",
               coalesce(s.total, 0)::bigint as "entriesFen"
        from ledger_accounts a
        left join (select account_id, sum(amount_fen) as total from ledger_entries group by account_id) s
          on s.account_id = a.id
        left join (select account_id, sum(balance_fen) as total from ledger_balance_slots group by account_id) k
          on k.account_id = a.id
        where a.balance_fen + coalesce(k.total, 0) <> coalesce(s.total, 0)
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
  const overdrawnWallets = await queryRows<LedgerAudit["overdrawnWallets"][number]>(
    db,
    sql`select a.code, (-coalesce(sum(e.amount_fen), 0))::bigint as "balanceFen"
        from ledger_accounts a left join ledger_entries e on e.account_id = a.id
        where a.code like 'wallet:u:%' group by a.code having -coalesce(sum(e.amount_fen), 0) < 0
        order by a.code`,
  );
  const walletHoldDifferences = await queryRows<LedgerAudit["walletHoldDifferences"][number]>(
    db,
    sql`with held as (
          select substring(a.code from 'wallet_hold:u:([0-9]+)')::bigint as user_id,
                 -coalesce(sum(e.amount_fen), 0) as fen
          from ledger_accounts a left join ledger_entries e on e.account_id = a.id
          where a.code like 'wallet_hold:u:%' group by a.code),
        unpaid as (
          select buyer_user_id as user_id, sum(wallet_fen) as fen from orders
          where status = 'pending_payment' and wallet_fen > 0 group by buyer_user_id)
        select coalesce(held.user_id, unpaid.user_id)::bigint as "userId",
               coalesce(held.fen, 0)::bigint as "heldFen", coalesce(unpaid.fen, 0)::bigint as "unpaidOrdersFen"
        from held full join unpaid on unpaid.user_id = held.user_id
        where coalesce(held.fen, 0) <> coalesce(unpaid.fen, 0)
        order by 1`,
  );
  // the account's entries, not its kept balance: that one is checked against the entries above
  const [frozen] = await queryRows<{ ledgerFen: string | number; commissionsFen: string | number }>(
    db,
    sql`select (-coalesce((select sum(e.amount_fen) from ledger_entries e join ledger_accounts a on a.id = e.account_id
                           where a.code = ${ledgerAccount.commissionFrozen}), 0))::bigint as "ledgerFen",
               (select coalesce(sum(amount_fen - clawed_back_fen), 0) from commissions
                where status in ('frozen', 'held'))::bigint as "commissionsFen"`,
  );
  const [released] = await queryRows<{ ledgerFen: string | number; pendingFen: string | number }>(
    db,
    sql`select (-coalesce((select sum(e.amount_fen) from ledger_entries e join ledger_accounts a on a.id = e.account_id
                           where a.code = ${ledgerAccount.commissionReleased}), 0))::bigint as "ledgerFen",
               (select coalesce(sum(amount_fen), 0) from commission_released_pending)::bigint as "pendingFen"`,
  );
  return {
    releasedCommissions: {
      ledgerFen: Number(released!.ledgerFen),
      pendingFen: Number(released!.pendingFen),
    },
    frozenCommissions: {
      ledgerFen: Number(frozen!.ledgerFen),
      commissionsFen: Number(frozen!.commissionsFen),
    },
    overdrawnWallets: overdrawnWallets.map((w) => ({ ...w, balanceFen: Number(w.balanceFen) })),
    walletHoldDifferences: walletHoldDifferences.map((w) => ({
      userId: Number(w.userId),
      heldFen: Number(w.heldFen),
      unpaidOrdersFen: Number(w.unpaidOrdersFen),
    })),
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
    audit.differences.length === 0 &&
    audit.unbalancedTransactions.length === 0 &&
    audit.totalBalanceFen === 0 &&
    audit.overdrawnWallets.length === 0 &&
    audit.walletHoldDifferences.length === 0 &&
    audit.frozenCommissions.ledgerFen === audit.frozenCommissions.commissionsFen &&
    audit.releasedCommissions.ledgerFen === audit.releasedCommissions.pendingFen
  );
}
