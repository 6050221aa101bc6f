// Ledger queries: accounts created on first use, balance updates (plain and guarded), transactions, entries.
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";

export type LedgerEntryRow = { account: string; amountFen: number };

/** Creates any missing accounts; existing ones are left alone. */
export async function ensureAccounts(db: Executor, codes: string[]): Promise<void> {
  if (codes.length === 0) return;
  const values = sql.join(
    codes.map((code) => sql`(${code})`),
    sql`, `,
  );
  await db.execute(sql`insert into ledger_accounts (code) values ${values} on conflict (code) do nothing`);
}

/** Adds `deltaFen` (debit positive) to the cached balance; returns the account id. */
export async function addToBalance(db: Executor, code: string, deltaFen: number): Promise<number> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update ledger_accounts set balance_fen = balance_fen + ${deltaFen} where code = ${code} returning id`,
  );
  return rows[0]!.id;
}

/**
 * Takes `amountFen` out of a credit-normal account only when that much is owed to its holder: one
 * conditional UPDATE (owed = −balance, so "owed ≥ w" is `balance_fen <= −w`). Null when refused.
 */
export async function debitIfAvailable(
  db: Executor,
  code: string,
  amountFen: number,
): Promise<number | null> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update ledger_accounts set balance_fen = balance_fen + ${amountFen}
        where code = ${code} and balance_fen <= ${-amountFen} returning id`,
  );
  return rows[0]?.id ?? null;
}

/** Inserts the transaction row unless its key exists; null when it already does. */
export async function insertTransactionOnce(
  db: Executor,
  row: { key: string; kind: string; meta: Record<string, unknown>; at: Date },
): Promise<number | null> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`insert into ledger_transactions (idempotency_key, kind, meta, created_at)
        values (${row.key}, ${row.kind}, ${JSON.stringify(row.meta)}::jsonb, ${row.at.toISOString()})
        on conflict (idempotency_key) do nothing returning id`,
  );
  return rows[0]?.id ?? null;
}

/** The batch form of insertTransactionOnce: the ids of the rows inserted, by key (a taken key is absent). */
export async function insertTransactionsOnce(
  db: Executor,
  rows: { key: string; kind: string; meta: Record<string, unknown>; at: Date }[],
): Promise<Map<string, number>> {
  const values = sql.join(
    rows.map(
      (r) => sql`(${r.key}, ${r.kind}, ${JSON.stringify(r.meta)}::jsonb, ${r.at.toISOString()}::timestamptz)`,
    ),
    sql`, `,
  );
  const inserted = await queryRows<{ id: number; key: string }>(
    db,
    sql`insert into ledger_transactions (idempotency_key, kind, meta, created_at) values ${values}
        on conflict (idempotency_key) do nothing returning id, idempotency_key as key`,
  );
  return new Map(inserted.map((r) => [r.key, r.id]));
}

/**
 * One statement for many postings: adds each account's net delta to its cached balance (creating missing
 * accounts), in the order given — callers sort by code, so concurrent batches lock accounts in one order —
 * and inserts every entry against the accounts' ids.
 */
export async function addToBalancesWithEntries(
  db: Executor,
  deltas: { code: string; deltaFen: number }[],
  entries: { transactionId: number; code: string; amountFen: number }[],
): Promise<void> {
  const accounts = sql.join(
    deltas.map((d) => sql`(${d.code}::text, ${d.deltaFen}::bigint)`),
    sql`, `,
  );
  const lines = sql.join(
    entries.map((e) => sql`(${e.transactionId}::bigint, ${e.code}::text, ${e.amountFen}::bigint)`),
    sql`, `,
  );
  await db.execute(sql`
    with account as (
      insert into ledger_accounts (code, balance_fen) values ${accounts}
      on conflict (code) do update set balance_fen = ledger_accounts.balance_fen + excluded.balance_fen
      returning id, code)
    insert into ledger_entries (transaction_id, account_id, amount_fen)
    select line.transaction_id, account.id, line.amount_fen
    from (values ${lines}) as line (transaction_id, code, amount_fen) join account on account.code = line.code`);
}

export async function findTransactionByKey(db: Executor, key: string) {
  const rows = await queryRows<{ id: number; kind: string }>(
    db,
    sql`select id, kind from ledger_transactions where idempotency_key = ${key}`,
  );
  return rows[0] ?? null;
}

export async function findEntriesOfTransaction(
  db: Executor,
  transactionId: number,
): Promise<LedgerEntryRow[]> {
  return queryRows<LedgerEntryRow>(
    db,
    sql`select a.code as account, e.amount_fen as "amountFen" from ledger_entries e
        join ledger_accounts a on a.id = e.account_id where e.transaction_id = ${transactionId}`,
  );
}

export async function insertEntries(
  db: Executor,
  transactionId: number,
  entries: { accountId: number; amountFen: number }[],
): Promise<void> {
  const values = sql.join(
    entries.map((e) => sql`(${transactionId}, ${e.accountId}, ${e.amountFen})`),
    sql`, `,
  );
  await db.execute(sql`insert into ledger_entries (transaction_id, account_id, amount_fen) values ${values}`);
}

/** Cached balances of the given accounts (missing accounts are absent: balance 0). */
export async function findBalances(db: Executor, codes: string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const list = sql.join(
    codes.map((c) => sql`${c}`),
    sql`, `,
  );
  const rows = await queryRows<{ code: string; balanceFen: number }>(
    db,
    sql`select code, balance_fen as "balanceFen" from ledger_accounts where code in (${list})`,
  );
  return new Map(rows.map((r) => [r.code, r.balanceFen]));
}

export type StatementRow = {
  entryId: number;
  transactionId: number;
  key: string;
  kind: string;
  meta: Record<string, unknown>;
  amountFen: number;
  createdAt: Date;
};

/** Entries of one account, newest first, before the cursor entry id. */
export async function findStatement(db: Executor, code: string, limit: number, beforeId: number | null) {
  return queryRows<StatementRow>(
    db,
    sql`select e.id as "entryId", t.id as "transactionId", t.idempotency_key as key, t.kind, t.meta,
               e.amount_fen as "amountFen", t.created_at as "createdAt"
        from ledger_entries e join ledger_accounts a on a.id = e.account_id
        join ledger_transactions t on t.id = e.transaction_id
        where a.code = ${code} ${beforeId === null ? sql`` : sql`and e.id < ${beforeId}`}
        order by e.id desc limit ${limit}`,
  );
}
