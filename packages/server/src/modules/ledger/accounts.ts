// The chart of accounts lives in the domain (packages/domain/src/ledger/accounts.ts), shared with the
// postings; re-exported here for the ledger's own readers. What stays here is how the ledger stores
// balances. Balances are stored debit positive; `owedFen` flips a credit-normal balance to what is owed.
export {
  BALANCE_PROVIDER,
  ledgerAccount,
  owedFen,
  paymentClearingAccount,
} from "@liebian/domain";

/** Slot rows per account for balances not kept on the account row (ledger_balance_slots). */
export const LEDGER_SLOTS = 16;

/**
 * True for the accounts whose balance a limit reads inside a posting — a shopper's wallet (never
 * overdrawn, trigger ledger_accounts_wallet_check) and available commission (withdrawals post with
 * `guardAccount`) — so one row holds all of it. Every other account adds to slot rows summed on read:
 * merchant revenue and gateway clearing, touched by every payment, then never make payments queue.
 */
export function keepsBalanceOnRow(code: string): boolean {
  return code.startsWith("wallet:u:") || code.startsWith("commission_available:u:");
}
