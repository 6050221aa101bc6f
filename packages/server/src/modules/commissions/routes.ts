// Commission routes: the distribution centre's records and promoted orders; for staff the list (with the
// held queue), the held-commission decision and the plan simulator.
import type { AppDeps } from "../../deps.ts";
import { currentUserId, staffActor } from "../../http/authenticate.ts";
import { IdParams } from "../../http/input-types.ts";
import { moneyPermission } from "../../http/money-actions.ts";
import { PageQuery, page } from "../../http/page.ts";
import type { App } from "../../http/types.ts";
import { maskPhone } from "../../lib/personal-data.ts";
import { decideHeldCommission } from "./lifecycle.ts";
import { findCommissions } from "./repo.ts";
import {
  AdminCommissionRecords,
  Commission,
  CommissionQuery,
  CommissionRecords,
  HeldActionBody,
  PromotedOrders,
  SimulateBody,
  SimulationResponse,
} from "./schemas.ts";
import { simulatePlan } from "./simulate.ts";
import { findPromotedOrders } from "./views.ts";

export function registerCommissionRoutes(app: App, deps: AppDeps): void {
  registerShopRoutes(app, deps);
  registerAdminRoutes(app, deps);
}

function registerShopRoutes(app: App, deps: AppDeps): void {
  const tags = ["shopper: distribution"];
  const auth = { auth: "user" } as const;
  const base = "/api/v1/distribution";

  app.get(
    `${base}/commissions`,
    { config: auth, schema: { tags, querystring: PageQuery, response: { 200: CommissionRecords } } },
    async (request) => {
      const { limit, cursor } = request.query;
      const rows = await findCommissions(deps.db, {
        earnerUserId: currentUserId(request),
        limit,
        ...(cursor ? { cursor } : {}),
      });
      // the earner is the caller: their own name and phone add nothing
      return page(
        rows.map(({ earnerNickname: _n, earnerPhone: _p, ...row }) => row),
        limit,
        "id",
      );
    },
  );
  app.get(
    `${base}/orders`,
    { config: auth, schema: { tags, querystring: PageQuery, response: { 200: PromotedOrders } } },
    async (request) => {
      const { limit, cursor } = request.query;
      return page(await findPromotedOrders(deps.db, currentUserId(request), limit, cursor), limit, "orderId");
    },
  );
}

function registerAdminRoutes(app: App, deps: AppDeps): void {
  const tags = ["admin: distribution"];
  const base = "/api/admin/v1/distribution";
  const read = { permission: "distribution.read" } as const;

  app.post(
    `${base}/simulate`,
    { config: read, schema: { tags, body: SimulateBody, response: { 200: SimulationResponse } } },
    async (request) => simulatePlan(deps.db, request.body),
  );
  app.get(
    `${base}/commissions`,
    {
      config: read,
      schema: { tags, querystring: CommissionQuery, response: { 200: AdminCommissionRecords } },
    },
    async (request) => {
      const { limit, cursor, status, userId, orderId, orderNo, earner } = request.query;
      const rows = await findCommissions(deps.db, {
        limit,
        ...(cursor ? { cursor } : {}),
        ...(status ? { status } : {}),
        ...(orderNo ? { orderNo } : {}),
        ...(earner ? { earner } : {}),
        ...(userId ? { earnerUserId: userId } : {}),
        ...(orderId ? { orderId } : {}),
      });
      return page(
        rows.map((r) => ({ ...r, earnerPhone: maskPhone(r.earnerPhone) })),
        limit,
        "id",
      );
    },
  );
  app.post(
    `${base}/commissions/:id/held`,
    {
      config: { permission: moneyPermission("commission.held") },
      schema: { tags, params: IdParams, body: HeldActionBody, response: { 200: Commission } },
    },
    async (request) => decideHeldCommission(deps, staffActor(request), request.params.id, request.body),
  );
}
