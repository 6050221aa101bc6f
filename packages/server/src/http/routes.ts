// The explicit list of every route group. A new area adds one line here.
import type { AppDeps } from "../deps.ts";
import { registerAccountRoutes } from "../modules/accounts/routes.ts";
import { registerAuditRoutes } from "../modules/audit/routes.ts";
import { registerSettingsRoutes } from "../modules/settings/routes.ts";
import { registerStaffRoutes } from "../modules/staff/routes.ts";
import type { App } from "./types.ts";

export function registerRoutes(app: App, deps: AppDeps): void {
  registerAccountRoutes(app, deps);
  registerStaffRoutes(app, deps);
  registerSettingsRoutes(app, deps);
  registerAuditRoutes(app, deps);
}
