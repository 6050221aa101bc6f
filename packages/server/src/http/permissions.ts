// Which staff role may do what. Every admin route names one permission; a route without one fails start-up.
import type { StaffRole } from "../db/schema/accounts.ts";

export const permissionRoles = {
  "settings.read": ["owner", "operator", "finance", "support"],
  "settings.write": ["owner", "operator"],
  "staff.read": ["owner"],
  "staff.write": ["owner"],
  "audit.read": ["owner", "finance"],
  "catalog.read": ["owner", "operator", "finance", "support"],
  "catalog.write": ["owner", "operator"],
  "orders.read": ["owner", "operator", "finance", "support"],
  "orders.fulfil": ["owner", "operator", "support"],
  "orders.export": ["owner", "operator", "finance"],
  "aftersale.review": ["owner", "operator", "support"],
  "refund.execute": ["owner", "finance"],
  "payments.read": ["owner", "finance"],
  "payments.configure": ["owner"],
  "distribution.read": ["owner", "operator", "finance", "support"],
  "distribution.configure": ["owner", "operator"],
  "distribution.manage": ["owner", "operator"],
  "withdrawals.read": ["owner", "finance"],
  "withdrawals.approve": ["owner", "finance"],
  "customers.read": ["owner", "operator", "support"],
  // merchant-defined customer tags: create, delete, and tag a customer (the list and filter need customers.read)
  "customers.tag": ["owner", "operator", "support"],
  "money.limits": ["owner"],
  // lists mask phones for every role; this shows one record's in full, audited
  "customers.reveal": ["owner"],
  // finance approves a dividend, bonus or contest run, which pays it
  "dividends.approve": ["owner", "finance"],
  // the customer-service desk: read the queue and history, claim, reply, transfer, close
  "service.reply": ["owner", "operator", "support"],
  "marketing.read": ["owner", "operator", "finance", "support"],
  "marketing.write": ["owner", "operator"],
  // the dashboard and reports: sales, funnels, rankings, commission against sales
  "reports.read": ["owner", "operator", "finance"],
  // buyers' reviews: reply, hide (with a reason) or show again
  "reviews.moderate": ["owner", "operator", "support"],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof permissionRoles;

export function roleHas(role: StaffRole, permission: Permission): boolean {
  return (permissionRoles[permission] as readonly StaffRole[]).includes(role);
}

export function permissionsOf(role: StaffRole): Permission[] {
  return (Object.keys(permissionRoles) as Permission[]).filter((p) => roleHas(role, p));
}
