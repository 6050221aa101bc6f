// The chart of accounts (money-payments-security.md §1.6): the account codes every posting uses, shared by
// the postings here and the server's balance reads. Balances are stored debit positive; `owedFen` flips a
// credit-normal balance to what is owed to its holder.

export const ledgerAccount = {
  gatewayClearing: (provider: string) => `gateway_clearing:${provider}`,
  merchantRevenue: "merchant_revenue",
  /**
   * Every earner's frozen commissions, in one shop-wide control account (migration 0049): what one earner
   * has frozen is derived from their open commission rows (frozen or held, less clawbacks), which move in
   * the same transactions as this account, and the audit checks the two agree. Before 0049 each earner had
   * a `commission_frozen:u:<id>` account; those keep their history and a zero balance.
   */
  commissionFrozen: "commission_frozen",
  /**
   * Commissions the release sweep settled and no earner's account holds yet, in one shop-wide control account
   * (migration 0053): each earner's share is their rows in `commission_released_pending`, which the sweep
   * writes in the same statement, and the audit checks the two agree. A withdrawal or a clawback folds the
   * earner's share into their available account first (buildReleasedFoldedPosting); readers add it.
   */
  commissionReleased: "commission_released",
  /** What an earner may withdraw: with their share of `commission_released`, their available commission. */
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
  /** What team dividends, the global pools, volume bonuses and contest prizes cost the merchant. */
  dividendExpense: "dividend_expense",
} as const;

/** The provider name of payments and refunds made with the shop balance. */
export const BALANCE_PROVIDER = "balance";

/** The transaction id of the shop-balance part of an order (one per order). */
export function balanceTransactionId(orderNo: string): string {
  return `BAL${orderNo}`;
}

/**
 * The account a provider's payment comes from. The shop balance is a provider whose "clearing" is the
 * buyer's wallet hold, so a balance payment takes the same confirm path as WeChat or Alipay.
 * Example: paymentClearingAccount("wxpay", 7) = "gateway_clearing:wxpay".
 */
export function paymentClearingAccount(provider: string, buyerUserId: number): string {
  return provider === BALANCE_PROVIDER
    ? ledgerAccount.walletHold(buyerUserId)
    : ledgerAccount.gatewayClearing(provider);
}

/** A credit-normal account's stored balance, read as the amount it holds for its owner. Example: −500 → 500. */
export function owedFen(balanceFen: number): number {
  return balanceFen === 0 ? 0 : -balanceFen;
}
