// Points routes: the shopper's balance and history (staff see it too); staff read and set the points rule (a
// money setting: what points are worth at checkout and how many an order earns); the points shop's routes.
import type { AppDeps } from "../../deps.ts";
import { currentUserId, staffActor } from "../../http/authenticate.ts";
import { IdParams, somethingToUpdate } from "../../http/input-types.ts";
import { moneyPermission } from "../../http/money-actions.ts";
import type { App } from "../../http/types.ts";
import { registerPointsShopRoutes } from "../points-shop/routes.ts";
import { MyPointsQuery, MyPointsResponse, PointsRuleBody, PointsRuleResponse } from "./schemas.ts";
import { getMyPoints, getPointsRule, savePointsRule } from "./service.ts";

export function registerPointsRoutes(app: App, deps: AppDeps): void {
  app.get(
    "/api/v1/me/points",
    {
      config: { auth: "user" },
      schema: { tags: ["shopper: points"], querystring: MyPointsQuery, response: { 200: MyPointsResponse } },
    },
    async (request) => getMyPoints(deps.db, currentUserId(request), request.query),
  );

  const tags = ["admin: points"];
  app.get(
    "/api/admin/v1/points/settings",
    { config: { permission: "marketing.read" }, schema: { tags, response: { 200: PointsRuleResponse } } },
    async () => getPointsRule(deps.db),
  );
  app.put(
    "/api/admin/v1/points/settings",
    {
      config: { permission: moneyPermission("points.configure") },
      schema: { tags, body: somethingToUpdate(PointsRuleBody), response: { 200: PointsRuleResponse } },
    },
    async (request) => savePointsRule(deps, staffActor(request), request.body),
  );
  // a shopper's points as staff see them (客户管理)
  app.get(
    "/api/admin/v1/customers/:id/points",
    {
      config: { permission: "customers.read" },
      schema: { tags, params: IdParams, querystring: MyPointsQuery, response: { 200: MyPointsResponse } },
    },
    async (request) => getMyPoints(deps.db, request.params.id, request.query),
  );
  registerPointsShopRoutes(app, deps);
}
