// One ledger transaction carrying a whole batch (the release sweep's thousands of lines): the lines travel
// as one JSON parameter, so the statements stay the same size however many accounts they touch, and each
// account's balance moves once — on its row where a limit reads it, else on this connection's slot row
// (accounts.ts) — rows taken in account-code order, as postLedgerTransactions takes them.
import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { AppError } from "../../errors/app-error.ts";
import { keepsBalanceOnRow, LEDGER_SLOTS } from "./accounts.ts";
import { insertTransactionOnce } from "./repo.ts";

export type BatchPosting = {
  /** Unique per batch; the caller guarantees it is new (the rows it settles moved by compare-and-set). */
  key: string;
  kind: string;
  entries: { account: string; amountFen: number }[];
  meta?: Record<string, unknown>;
  at: Date;
};

/** Posts `posting` as one transaction; returns its id. A key already posted is a caller bug: LEDGER_KEY_CONFLICT. */
export async function postBatchTransaction(tx: Executor, posting: BatchPosting): Promise<number> {
  const perAccount = new Map<string, number>();
  for (const e of posting.entries) {
    if (!Number.isSafeInteger(e.amountFen))
      throw new Error(`ledger posting ${posting.key}: non-integer line`);
    perAccount.set(e.account, (perAccount.get(e.account) ?? 0) + e.amountFen);
  }
  const lines = [...perAccount]
    .filter(([, fen]) => fen !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, fen]) => ({ code, fen, onRow: keepsBalanceOnRow(code) }));
  if (lines.length < 2 || lines.reduce((s, l) => s + l.fen, 0) !== 0)
    throw new Error(`ledger posting ${posting.key} is unbalanced or has fewer than two lines`);
  const transactionId = await insertTransactionOnce(tx, {
    key: posting.key,
    kind: posting.kind,
    meta: posting.meta ?? {},
    at: posting.at,
  });
  if (transactionId === null)
    throw new AppError("LEDGER_KEY_CONFLICT", "This ledger key was already posted", { key: posting.key });
  const json = JSON.stringify(lines);
  const line = sql`select * from jsonb_to_recordset(${json}::jsonb) as l (code text, fen bigint, "onRow" boolean)`;
  // Slot-balanced accounts must exist before the statement below can see them.
  await tx.execute(sql`insert into ledger_accounts (code)
    select code from (${line}) l where not l."onRow" order by code on conflict (code) do nothing`);
  await tx.execute(sql`
    with line as (${line}),
    kept as (
      insert into ledger_accounts (code, balance_fen) select code, fen from line where "onRow" order by code
      on conflict (code) do update set balance_fen = ledger_accounts.balance_fen + excluded.balance_fen
      returning id, code),
    slotted as (select a.id, a.code, line.fen from line join ledger_accounts a on a.code = line.code
                where not line."onRow"),
    slot as (
      insert into ledger_balance_slots (account_id, slot, balance_fen)
      select id, pg_backend_pid() % ${LEDGER_SLOTS}, fen from slotted order by code
      on conflict (account_id, slot) do update set balance_fen = ledger_balance_slots.balance_fen + excluded.balance_fen)
    insert into ledger_entries (transaction_id, account_id, amount_fen)
    select ${transactionId}::bigint, account.id, line.fen
    from line join (select id, code from kept union all select id, code from slotted) account on account.code = line.code`);
  return transactionId;
}
