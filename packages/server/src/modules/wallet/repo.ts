// Wallet queries: a shopper's balance and held amount from their ledger accounts, and their statement.
import type { Executor } from "../../db/client.ts";
import { ledgerAccount, owedFen } from "../ledger/accounts.ts";
import { findBalances, findOwedFen, findStatement } from "../ledger/repo.ts";

/** What the shopper can spend now (fen). */
export function findWalletBalance(db: Executor, userId: number): Promise<number> {
  return findOwedFen(db, ledgerAccount.wallet(userId));
}

/** The spendable balance and what is held for unpaid orders. */
export async function findWalletBalances(db: Executor, userId: number) {
  const codes = [ledgerAccount.wallet(userId), ledgerAccount.walletHold(userId)];
  const b = await findBalances(db, codes);
  return { balanceFen: owedFen(b.get(codes[0]!) ?? 0), heldFen: owedFen(b.get(codes[1]!) ?? 0) };
}

/** The wallet's entries, newest first, before the cursor entry id. */
export function findWalletEntries(db: Executor, userId: number, limit: number, beforeId: number | null) {
  return findStatement(db, ledgerAccount.wallet(userId), limit, beforeId);
}
