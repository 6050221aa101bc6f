// Group-buy routes: staff set up activities and read their groups; shoppers see running activities and a
// group's progress (public, for a shared link), and open or join a group, which places their order.
import type { AppDeps } from "../../deps.ts";
import { currentUserId, staffActor } from "../../http/authenticate.ts";
import { idempotencyOf } from "../../http/idempotency.ts";
import { moneyPermission } from "../../http/money-actions.ts";
import type { App } from "../../http/types.ts";
import { IdParams } from "../catalog/schemas.ts";
import {
  GroupBuyBody,
  GroupBuyPage,
  GroupBuyResponse,
  GroupListQuery,
  GroupOrderBody,
  GroupOrderResponse,
  GroupPage,
  GroupResponse,
  PageQuery,
  RunningQuery,
} from "./schemas.ts";
import {
  createGroupBuy,
  getGroup,
  getGroupBuy,
  joinGroup,
  listActivityGroups,
  listGroupBuys,
  listRunningGroupBuys,
  openGroup,
  updateGroupBuy,
} from "./service.ts";

export function registerGroupBuyRoutes(app: App, deps: AppDeps): void {
  const admin = ["admin: group buys"];
  app.get(
    "/api/admin/v1/group-buys",
    {
      config: { permission: "catalog.read" },
      schema: { tags: admin, querystring: PageQuery, response: { 200: GroupBuyPage } },
    },
    async (request) => listGroupBuys(deps.db, request.query),
  );
  app.post(
    "/api/admin/v1/group-buys",
    {
      config: { permission: moneyPermission("group_buy.configure") },
      schema: { tags: admin, body: GroupBuyBody, response: { 201: GroupBuyResponse } },
    },
    async (request, reply) =>
      reply.status(201).send(await createGroupBuy(deps, staffActor(request), request.body)),
  );
  app.get(
    "/api/admin/v1/group-buys/:id",
    {
      config: { permission: "catalog.read" },
      schema: { tags: admin, params: IdParams, response: { 200: GroupBuyResponse } },
    },
    async (request) => getGroupBuy(deps.db, request.params.id),
  );
  app.put(
    "/api/admin/v1/group-buys/:id",
    {
      config: { permission: moneyPermission("group_buy.configure") },
      schema: { tags: admin, params: IdParams, body: GroupBuyBody, response: { 200: GroupBuyResponse } },
    },
    async (request) => updateGroupBuy(deps, staffActor(request), request.params.id, request.body),
  );
  app.get(
    "/api/admin/v1/group-buys/:id/groups",
    {
      config: { permission: "catalog.read" },
      schema: { tags: admin, params: IdParams, querystring: GroupListQuery, response: { 200: GroupPage } },
    },
    async (request) => listActivityGroups(deps.db, { ...request.query, activityId: request.params.id }),
  );

  const shop = ["shop: group buys"];
  const auth = { auth: "user" } as const;
  app.get(
    "/api/v1/group-buys",
    { schema: { tags: shop, querystring: RunningQuery, response: { 200: GroupBuyResponse.array() } } },
    async (request) => listRunningGroupBuys(deps, request.query.productId),
  );
  app.get(
    "/api/v1/group-buys/:id",
    { schema: { tags: shop, params: IdParams, response: { 200: GroupBuyResponse } } },
    async (request) => getGroupBuy(deps.db, request.params.id),
  );
  app.get(
    "/api/v1/groups/:id",
    { schema: { tags: shop, params: IdParams, response: { 200: GroupResponse } } },
    async (request) => getGroup(deps.db, request.params.id),
  );
  app.post(
    "/api/v1/group-buys/:id/groups",
    {
      config: auth,
      schema: { tags: shop, params: IdParams, body: GroupOrderBody, response: { 201: GroupOrderResponse } },
    },
    async (request, reply) => {
      const userId = currentUserId(request);
      const idempotency = idempotencyOf(request, `group-open:user:${userId}`);
      const result = await openGroup(deps, userId, request.params.id, request.body, idempotency);
      if (result.replayed) reply.header("idempotent-replayed", "true");
      return reply.status(201).send({ group: result.group, order: result.order });
    },
  );
  app.post(
    "/api/v1/groups/:id/join",
    {
      config: auth,
      schema: { tags: shop, params: IdParams, body: GroupOrderBody, response: { 201: GroupOrderResponse } },
    },
    async (request, reply) => {
      const userId = currentUserId(request);
      const idempotency = idempotencyOf(request, `group-join:user:${userId}`);
      const result = await joinGroup(deps, userId, request.params.id, request.body, idempotency);
      if (result.replayed) reply.header("idempotent-replayed", "true");
      return reply.status(201).send({ group: result.group, order: result.order });
    },
  );
}
