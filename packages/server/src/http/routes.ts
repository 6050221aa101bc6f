// The explicit list of every route group. A new area adds one line here.
import type { AppDeps } from "../deps.ts";
import { registerAccountRoutes } from "../modules/accounts/routes.ts";
import { registerAddressRoutes } from "../modules/addresses/routes.ts";
import { registerAfterSaleRoutes } from "../modules/aftersales/routes.ts";
import { registerAuditRoutes } from "../modules/audit/routes.ts";
import { registerBindingRoutes } from "../modules/binding/routes.ts";
import { registerCartRoutes } from "../modules/cart/routes.ts";
import { registerCatalogRoutes } from "../modules/catalog/routes.ts";
import { registerCommissionRoutes } from "../modules/commissions/routes.ts";
import { registerCustomerRoutes } from "../modules/customers/routes.ts";
import { registerDistributionSettingsRoutes } from "../modules/distribution/routes.ts";
import { registerDistributorRoutes } from "../modules/distributors/routes.ts";
import { registerFreightRoutes } from "../modules/freight/routes.ts";
import { registerGradeRoutes } from "../modules/grades/routes.ts";
import { registerOrderRoutes } from "../modules/orders/routes.ts";
import { registerPaymentRoutes } from "../modules/payments/routes.ts";
import { registerSettingsRoutes } from "../modules/settings/routes.ts";
import { registerStaffRoutes } from "../modules/staff/routes.ts";
import { registerStockRoutes } from "../modules/stock/routes.ts";
import { registerUploadRoutes } from "../modules/uploads/routes.ts";
import { registerWalletRoutes } from "../modules/wallet/routes.ts";
import { registerWithdrawalRoutes } from "../modules/withdrawals/routes.ts";
import type { App } from "./types.ts";

export function registerRoutes(app: App, deps: AppDeps): void {
  registerAccountRoutes(app, deps);
  registerStaffRoutes(app, deps);
  registerSettingsRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerCatalogRoutes(app, deps);
  registerStockRoutes(app, deps);
  registerFreightRoutes(app, deps);
  registerUploadRoutes(app, deps);
  registerAddressRoutes(app, deps);
  registerCartRoutes(app, deps);
  registerOrderRoutes(app, deps);
  registerAfterSaleRoutes(app, deps);
  registerDistributionSettingsRoutes(app, deps);
  registerDistributorRoutes(app, deps);
  registerBindingRoutes(app, deps);
  registerCommissionRoutes(app, deps);
  registerWithdrawalRoutes(app, deps);
  registerGradeRoutes(app, deps);
  registerPaymentRoutes(app, deps);
  registerCustomerRoutes(app, deps);
  registerWalletRoutes(app, deps);
}
