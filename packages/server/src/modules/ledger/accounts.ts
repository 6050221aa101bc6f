// The chart of accounts (money-payments-security.md §1.6): account codes and which side is normal, and
// which accounts keep their running balance on their own row. Balances are stored debit positive; `owedFen`
// flips a credit-normal balance to what is owed to its holder.

export const ledgerAccount = {
  gatewayClearing: (provider: string) => `gateway_clearing:${provider}`,
  merchantRevenue: "merchant_revenue",
  commissionFrozen: (userId: number) => `commission_frozen:u:${userId}`,
  commissionAvailable: (userId: number) => `commission_available:u:${userId}`,
  withdrawalHold: (userId: number) => `withdrawal_hold:u:${userId}`,
  payoutClearing: (method: string) => `payout_clearing:${method}`,
  refundClearing: "refund_clearing",
  fees: "fees",
  rewardExpense: "reward_expense",
  /** A shopper's shop balance (商城余额): money we owe them, spendable at checkout; never overdrawn. */
  wallet: (userId: number) => `wallet:u:${userId}`,
  /** Balance taken from a shopper's wallet for an unpaid order: paid to revenue, or returned on close. */
  walletHold: (userId: number) => `wallet_hold:u:${userId}`,
} as const;

/**
 * The account a provider's payment comes from. The shop balance is a provider whose "clearing" is the
 * buyer's wallet hold, so a balance payment takes the same confirm path as WeChat or Alipay.
 */
export function paymentClearingAccount(provider: string, buyerUserId: number): string {
  return provider === BALANCE_PROVIDER
    ? ledgerAccount.walletHold(buyerUserId)
    : ledgerAccount.gatewayClearing(provider);
}

/** The provider name of payments and refunds made with the shop balance. */
export const BALANCE_PROVIDER = "balance";

/** A credit-normal account's stored balance, read as the amount it holds for its owner. */
export function owedFen(balanceFen: number): number {
  return balanceFen === 0 ? 0 : -balanceFen;
}

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
