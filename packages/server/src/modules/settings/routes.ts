// The merchant's settings page (staff) and the public shop profile (shoppers).
import { z } from "zod";
import type { Executor } from "../../db/client.ts";
import type { AppDeps } from "../../deps.ts";
import { staffActor } from "../../http/authenticate.ts";
import { somethingToUpdate } from "../../http/input-types.ts";
import { moneyPermission } from "../../http/money-actions.ts";
import type { App } from "../../http/types.ts";
import {
  MoneyLimitSettings,
  OrderSettings,
  ReturnAddressSettings,
  ServiceDeskSettings,
  ShopSettings,
} from "./sections.ts";
import { getSettings, updateSettings } from "./service.ts";

export const SettingsResponse = z.object({
  shop: ShopSettings,
  orders: OrderSettings,
  returns: ReturnAddressSettings,
  moneyLimits: MoneyLimitSettings,
  service: ServiceDeskSettings,
});
export const UpdateSettingsBody = somethingToUpdate(
  z.strictObject({
    shop: ShopSettings.partial().optional(),
    orders: OrderSettings.partial().optional(),
    returns: ReturnAddressSettings.partial().optional(),
    service: ServiceDeskSettings.partial().optional(),
  }),
);

async function allSettings(db: Executor) {
  return {
    shop: await getSettings(db, "shop"),
    orders: await getSettings(db, "orders"),
    returns: await getSettings(db, "returns"),
    moneyLimits: await getSettings(db, "moneyLimits"),
    service: await getSettings(db, "service"),
  };
}

export function registerSettingsRoutes(app: App, deps: AppDeps): void {
  app.get(
    "/api/v1/shop",
    { schema: { tags: ["shopper: shop"], response: { 200: ShopSettings } } },
    async () => getSettings(deps.db, "shop"),
  );

  const tags = ["admin: settings"];
  app.get(
    "/api/admin/v1/settings",
    { config: { permission: "settings.read" }, schema: { tags, response: { 200: SettingsResponse } } },
    async () => allSettings(deps.db),
  );

  app.patch(
    "/api/admin/v1/settings",
    {
      config: { permission: "settings.write" },
      schema: { tags, body: UpdateSettingsBody, response: { 200: SettingsResponse } },
    },
    async (request) => {
      const actor = staffActor(request);
      const { shop, orders, returns, service } = request.body;
      if (shop) await updateSettings(deps.db, actor, "shop", shop);
      if (orders) await updateSettings(deps.db, actor, "orders", orders);
      if (returns) await updateSettings(deps.db, actor, "returns", returns);
      if (service) await updateSettings(deps.db, actor, "service", service);
      return allSettings(deps.db);
    },
  );

  app.put(
    "/api/admin/v1/settings/money-limits",
    {
      config: { permission: moneyPermission("money.limits") },
      schema: {
        tags,
        body: somethingToUpdate(MoneyLimitSettings.partial()),
        response: { 200: SettingsResponse },
      },
    },
    async (request) => {
      await updateSettings(deps.db, staffActor(request), "moneyLimits", request.body);
      return allSettings(deps.db);
    },
  );
}
