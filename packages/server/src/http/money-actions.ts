// Every staff action or setting that moves money, or decides how much may move without a second person, with
// the permission that moves that money. Routes take their permission from here (moneyPermission); where a
// route is open to a wider permission (a reviewer approving an after-sale, an operator saving distribution
// settings) the service asks mayMoveMoney before the money moves. test/foundation/money-actions.test.ts
// drives every role against every entry through HTTP.
import type { StaffRole } from "../db/schema/accounts.ts";
import { type Permission, roleHas } from "./permissions.ts";

export type MoneyAction = {
  /** What moves, in the merchant's words. */
  what: string;
  /** The route(s) or setting through which it moves. */
  via: readonly string[];
  permission: Permission;
};

export const moneyActions = {
  "after_sale.refund": {
    what: "确认退款: an approved 仅退款 or a received 退货退款 is paid back (finance's 待退款确认 queue)",
    via: ["POST /api/admin/v1/after-sales/:id/refund"],
    permission: "refund.execute",
  },
  "after_sale.approve_refund_only": {
    what: "approving a 仅退款 pays it at once only for refund.execute (or within the reviewers' limit); else it queues",
    via: ["POST /api/admin/v1/after-sales/:id/approve"],
    permission: "refund.execute",
  },
  "after_sale.confirm_return": {
    what: "confirming returned goods pays the refund at once only for refund.execute (or within the limit); else it queues",
    via: ["POST /api/admin/v1/after-sales/:id/confirm-return"],
    permission: "refund.execute",
  },
  "after_sale.retry_refund": {
    what: "sends a failed after-sale refund to the provider again",
    via: ["POST /api/admin/v1/after-sales/:id/retry-refund"],
    permission: "refund.execute",
  },
  "payment.retry_refund": {
    what: "sends a failed automatic refund (money for a closed or twice-paid order) again",
    via: ["POST /api/admin/v1/refunds/:id/retry"],
    permission: "refund.execute",
  },
  "withdrawal.approve": {
    what: "pays a distributor's withdrawal out",
    via: ["POST /api/admin/v1/distribution/withdrawals/:id/approve"],
    permission: "withdrawals.approve",
  },
  "withdrawal.reject": {
    what: "returns a requested withdrawal to the distributor's available balance",
    via: ["POST /api/admin/v1/distribution/withdrawals/:id/reject"],
    permission: "withdrawals.approve",
  },
  "withdrawal.auto_approve": {
    what: "withdrawals below this amount are paid with no reviewer",
    via: ["PUT /api/admin/v1/distribution/settings withdrawal.autoApproveBelowFen"],
    permission: "withdrawals.approve",
  },
  "commission.held": {
    what: "a commission held for fraud review is released to settle, or cancelled back to the merchant",
    via: ["POST /api/admin/v1/distribution/commissions/:id/held"],
    permission: "distribution.manage",
  },
  "money.limits": {
    what: "how much reviewers may refund on their own, and the most a withdrawal may be auto-approved below",
    via: ["PUT /api/admin/v1/settings/money-limits"],
    permission: "money.limits",
  },
  "payment.accounts": {
    what: "where shoppers' payments arrive (WeChat Pay, Alipay merchant keys) and the payment sandbox switch",
    via: [
      "PUT /api/admin/v1/payments/settings/wechat",
      "PUT /api/admin/v1/payments/settings/alipay",
      "PUT /api/admin/v1/payments/settings/sandbox",
    ],
    permission: "payments.configure",
  },
  "dividend.approve_run": {
    what: "approves a previewed dividend, team dividend or contest run, which pays every line of its statement",
    via: ["POST /api/admin/v1/dividends/runs/:id/approve"],
    permission: "dividends.approve",
  },
  "dividend.clawback_after_refund": {
    what: "switches on taking dividends back from distributors' available balances when their turnover is refunded after the run",
    via: ["PUT /api/admin/v1/dividends/settings clawbackAfterRefund"],
    permission: "dividends.approve",
  },
  "group_buy.configure": {
    what: "a group buy's group prices and the bonus paid to a group's opener from the merchant when it forms",
    via: ["POST /api/admin/v1/group-buys", "PUT /api/admin/v1/group-buys/:id"],
    permission: "distribution.configure",
  },
  "points.configure": {
    what: "what points (积分) are worth at checkout, the most of an order they may pay, and how many an order earns",
    via: ["PUT /api/admin/v1/points/settings"],
    permission: "distribution.configure",
  },
} as const satisfies Record<string, MoneyAction>;

export type MoneyActionKey = keyof typeof moneyActions;

/** The permission a money action needs, for a route's `config`. */
export function moneyPermission<K extends MoneyActionKey>(key: K): (typeof moneyActions)[K]["permission"] {
  return moneyActions[key].permission;
}

export function mayMoveMoney(role: StaffRole, key: MoneyActionKey): boolean {
  return roleHas(role, moneyActions[key].permission);
}
