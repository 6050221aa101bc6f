// Binding routes: the referral visit (which may bind), the shopper's referrer and team; for staff the
// binding history and moving a shopper to another upline.
import type { AppDeps } from "../../deps.ts";
import { currentUserId, staffActor } from "../../http/authenticate.ts";
import { IdParams } from "../../http/input-types.ts";
import { PageQuery, page } from "../../http/page.ts";
import type { App } from "../../http/types.ts";
import { findBindingHistory } from "./repo.ts";
import {
  Binding,
  BindingChanges,
  ReassignBody,
  ReferrerResponse,
  TeamQuery,
  TeamResponse,
  VisitBody,
  VisitResponse,
} from "./schemas.ts";
import { reassignUpline, recordVisit } from "./service.ts";
import { findMyReferrer, findMyTeam } from "./views.ts";

export function registerBindingRoutes(app: App, deps: AppDeps): void {
  registerShopRoutes(app, deps);
  registerAdminRoutes(app, deps);
}

function registerShopRoutes(app: App, deps: AppDeps): void {
  const tags = ["shopper: distribution"];
  const auth = { auth: "user" } as const;
  const base = "/api/v1/distribution";

  app.post(
    "/api/v1/referrals/visit",
    {
      config: { auth: "optional-user" },
      schema: { tags, body: VisitBody, response: { 200: VisitResponse } },
    },
    async (request) => recordVisit(deps, request.user?.id ?? null, request.body),
  );
  app.get(
    `${base}/referrer`,
    { config: auth, schema: { tags, response: { 200: ReferrerResponse } } },
    async (request) => ({
      referrer: await findMyReferrer(deps.db, currentUserId(request)),
    }),
  );
  app.get(
    `${base}/team`,
    { config: auth, schema: { tags, querystring: TeamQuery, response: { 200: TeamResponse } } },
    async (request) => findMyTeam(deps.db, currentUserId(request), request.query.level),
  );
}

function registerAdminRoutes(app: App, deps: AppDeps): void {
  const tags = ["admin: distribution"];
  const base = "/api/admin/v1/distribution";

  app.post(
    `${base}/users/:id/upline`,
    {
      config: { permission: "distribution.manage" },
      schema: { tags, params: IdParams, body: ReassignBody, response: { 200: Binding } },
    },
    async (request) => {
      const binding = await reassignUpline(deps, staffActor(request), request.params.id, request.body);
      return binding!; // written in the same transaction, so it is there
    },
  );
  app.get(
    `${base}/bindings`,
    {
      config: { permission: "distribution.read" },
      schema: { tags, querystring: PageQuery, response: { 200: BindingChanges } },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      return page(await findBindingHistory(deps.db, { limit, ...(cursor ? { cursor } : {}) }), limit, "id");
    },
  );
}
