// The merchant's settings page (staff) and the public shop profile (shoppers).
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { staffActor } from "../../http/authenticate.ts";
import { somethingToUpdate } from "../../http/input-types.ts";
import type { App } from "../../http/types.ts";
import { OrderSettings, ShopSettings } from "./sections.ts";
import { getSettings, updateSettings } from "./service.ts";

export const SettingsResponse = z.object({ shop: ShopSettings, orders: OrderSettings });
export const UpdateSettingsBody = somethingToUpdate(
  z.strictObject({
    shop: ShopSettings.partial().optional(),
    orders: OrderSettings.partial().optional(),
  }),
);

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
    async () => ({ shop: await getSettings(deps.db, "shop"), orders: await getSettings(deps.db, "orders") }),
  );

  app.patch(
    "/api/admin/v1/settings",
    {
      config: { permission: "settings.write" },
      schema: { tags, body: UpdateSettingsBody, response: { 200: SettingsResponse } },
    },
    async (request) => {
      const actor = staffActor(request);
      const { shop, orders } = request.body;
      if (shop) await updateSettings(deps.db, actor, "shop", shop);
      if (orders) await updateSettings(deps.db, actor, "orders", orders);
      return { shop: await getSettings(deps.db, "shop"), orders: await getSettings(deps.db, "orders") };
    },
  );
}
