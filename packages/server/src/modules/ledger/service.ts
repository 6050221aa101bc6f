// Posts ledger transactions: exactly once per idempotency key, balanced, with the balances of every touched
// account updated in the same database transaction (in account-code order, so postings never deadlock):
// on the account row where a limit reads it, else on the connection's slot row (ledger/accounts.ts).
import type { Tx } from "../../db/client.ts";
import { AppError } from "../../errors/app-error.ts";
import { keepsBalanceOnRow } from "./accounts.ts";
import {
  addToBalance,
  debitIfAvailable,
  ensureAccounts,
  findEntriesOfTransaction,
  findTransactionByKey,
  insertEntries,
  insertTransactionOnce,
  type LedgerEntryRow,
  postTransactionsOnce,
} from "./repo.ts";

export type LedgerPosting = {
  /** The business event, e.g. `comm:<orderItemId>:L1`, `wd:<id>:hold`. */
  key: string;
  kind: string;
  /** + debit, − credit; never 0; they must sum to 0. */
  entries: { account: string; amountFen: number }[];
  meta?: Record<string, unknown>;
  at?: Date;
  /**
   * A credit-normal account debited by this posting that must hold at least the debited amount for its
   * owner (e.g. commission_available on a withdrawal). Refused with INSUFFICIENT_BALANCE otherwise.
   */
  guardAccount?: string;
};

export type LedgerPostResult =
  | { posted: true; transactionId: number }
  | { posted: false; transactionId: number };

/**
 * Posts one ledger transaction inside `tx`. The same key with the same entries again answers
 * `{ posted: false }` (already done, success); the same key with other entries throws LEDGER_KEY_CONFLICT.
 */
export async function postLedgerTransaction(tx: Tx, posting: LedgerPosting): Promise<LedgerPostResult> {
  assertBalanced(posting);
  if (posting.guardAccount !== undefined && !keepsBalanceOnRow(posting.guardAccount))
    throw new Error(
      `ledger posting ${posting.key} guards ${posting.guardAccount}, which keeps no balance row`,
    );
  const transactionId = await insertTransactionOnce(tx, {
    key: posting.key,
    kind: posting.kind,
    meta: posting.meta ?? {},
    at: posting.at ?? new Date(),
  });
  if (transactionId === null) return replay(tx, posting);

  const deltas = new Map<string, number>();
  for (const e of posting.entries) deltas.set(e.account, (deltas.get(e.account) ?? 0) + e.amountFen);
  const codes = [...deltas.keys()].sort();
  await ensureAccounts(tx, codes);
  const ids = new Map<string, number>();
  for (const code of codes) {
    const delta = deltas.get(code)!;
    if (code === posting.guardAccount && delta > 0) {
      const id = await debitIfAvailable(tx, code, delta);
      if (id === null) {
        throw new AppError("INSUFFICIENT_BALANCE", "The balance is lower than the amount", { account: code });
      }
      ids.set(code, id);
    } else ids.set(code, await addToBalance(tx, code, delta));
  }
  await insertEntries(
    tx,
    transactionId,
    posting.entries.map((e) => ({ accountId: ids.get(e.account)!, amountFen: e.amountFen })),
  );
  return { posted: true, transactionId };
}

/**
 * Posts many transactions in one statement (ledger/repo.ts postTransactionsOnce); each is once per key, as
 * postLedgerTransaction: a key already posted is checked against its entries afterwards (LEDGER_KEY_CONFLICT
 * when they differ). `endsTransaction`: the caller runs nothing after this in its transaction, so the COMMIT
 * rides behind the statement (db/statement.ts runStatement), and a key already posted is refused there.
 */
export async function postLedgerTransactions(
  tx: Tx,
  all: LedgerPosting[],
  options: { endsTransaction?: boolean } = {},
): Promise<void> {
  const postings = uniqueByKey(all);
  if (postings.length === 0) return;
  const posted = await postTransactionsOnce(
    tx,
    postings.map((p) => ({ key: p.key, kind: p.kind, meta: p.meta ?? {}, at: p.at ?? new Date() })),
    postings.flatMap((p) => p.entries.map((e) => ({ key: p.key, code: e.account, amountFen: e.amountFen }))),
    options.endsTransaction,
  );
  for (const p of postings) if (!posted.has(p.key)) await replay(tx, p);
}

/** A key queued twice in one batch is one posting, as a replay would be; other entries are a conflict. */
function uniqueByKey(postings: LedgerPosting[]): LedgerPosting[] {
  const byKey = new Map<string, LedgerPosting>();
  for (const p of postings) {
    const first = byKey.get(p.key);
    if (!first) byKey.set(p.key, p);
    else if (first.kind !== p.kind || !sameEntries(first.entries, p.entries)) {
      throw new AppError("LEDGER_KEY_CONFLICT", "This ledger key was already posted with other entries", {
        key: p.key,
      });
    }
  }
  return [...byKey.values()];
}

async function replay(tx: Tx, posting: LedgerPosting): Promise<LedgerPostResult> {
  const existing = (await findTransactionByKey(tx, posting.key))!;
  const stored = await findEntriesOfTransaction(tx, existing.id);
  if (existing.kind !== posting.kind || !sameEntries(stored, posting.entries)) {
    throw new AppError("LEDGER_KEY_CONFLICT", "This ledger key was already posted with other entries", {
      key: posting.key,
    });
  }
  return { posted: false, transactionId: existing.id };
}

function sameEntries(a: LedgerEntryRow[], b: LedgerEntryRow[]): boolean {
  const norm = (rows: LedgerEntryRow[]) =>
    rows
      .map((r) => `${r.account}\u0000${r.amountFen}`)
      .sort()
      .join("\n");
  return norm(a) === norm(b);
}

function assertBalanced(posting: LedgerPosting): void {
  const { entries } = posting;
  const bad = entries.some((e) => !Number.isSafeInteger(e.amountFen) || e.amountFen === 0);
  const sum = entries.reduce((s, e) => s + e.amountFen, 0);
  if (entries.length < 2 || bad || sum !== 0) {
    // A caller bug, not a user's refusal: the database trigger would refuse it at commit anyway.
    throw new Error(`ledger posting ${posting.key} is unbalanced or has a zero/non-integer entry`);
  }
}
