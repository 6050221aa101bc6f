// Distributor routes: the shopper's status, joining and applying; for staff the application queue, the
// distributor list, one distributor's page, freeze / unfreeze / remove and appointment.
import type { AppDeps } from "../../deps.ts";
import { currentUserId, staffActor } from "../../http/authenticate.ts";
import { IdParams } from "../../http/input-types.ts";
import { PageQuery, page } from "../../http/page.ts";
import type { App } from "../../http/types.ts";
import { maskPhone } from "../../lib/personal-data.ts";
import { distributorDetail } from "./detail.ts";
import { listApplications, listDistributors } from "./repo.ts";
import {
  Application,
  ApplicationBody,
  ApplicationRecords,
  Distributor,
  DistributorDetail,
  DistributorRecords,
  MyDistribution,
  ReviewBody,
  StatusActionBody,
} from "./schemas.ts";
import {
  applyForDistributor,
  appointDistributor,
  becomeDistributor,
  changeDistributorStatus,
  getMyDistributorStatus,
  reviewApplication,
} from "./service.ts";

export function registerDistributorRoutes(app: App, deps: AppDeps): void {
  registerShopRoutes(app, deps);
  registerAdminRoutes(app, deps);
}

function registerShopRoutes(app: App, deps: AppDeps): void {
  const tags = ["shopper: distribution"];
  const auth = { auth: "user" } as const;
  const base = "/api/v1/distribution";

  app.get(
    `${base}/me`,
    { config: auth, schema: { tags, response: { 200: MyDistribution } } },
    async (request) => {
      const status = await getMyDistributorStatus(deps.db, currentUserId(request));
      const code = status.distributor?.inviteCode ?? null;
      return {
        ...status,
        inviteCode: code,
        inviteLink: code ? `${deps.config.publicUrl}/?ref=${code}` : null,
      };
    },
  );
  app.post(
    `${base}/join`,
    { config: auth, schema: { tags, response: { 200: Distributor } } },
    async (request) => becomeDistributor(deps, currentUserId(request)),
  );
  app.post(
    `${base}/applications`,
    { config: auth, schema: { tags, body: ApplicationBody, response: { 201: Application } } },
    async (request, reply) =>
      reply.status(201).send(await applyForDistributor(deps, currentUserId(request), request.body)),
  );
}

function registerAdminRoutes(app: App, deps: AppDeps): void {
  const tags = ["admin: distribution"];
  const base = "/api/admin/v1/distribution";
  const read = { permission: "distribution.read" } as const;
  const manage = { permission: "distribution.manage" } as const;

  app.get(
    `${base}/applications`,
    { config: read, schema: { tags, querystring: PageQuery, response: { 200: ApplicationRecords } } },
    async (request) => {
      const { limit, cursor } = request.query;
      const rows = await listApplications(deps.db, "pending", limit, cursor);
      const masked = rows.map((r) => ({
        ...r,
        phone: maskPhone(r.phone),
        accountPhone: maskPhone(r.accountPhone),
      }));
      return page(masked, limit, "id");
    },
  );
  app.post(
    `${base}/applications/:id/review`,
    { config: manage, schema: { tags, params: IdParams, body: ReviewBody, response: { 200: Application } } },
    async (request) => reviewApplication(deps, staffActor(request), request.params.id, request.body),
  );
  app.get(
    `${base}/distributors`,
    { config: read, schema: { tags, querystring: PageQuery, response: { 200: DistributorRecords } } },
    async (request) => {
      const { limit, cursor } = request.query;
      const rows = await listDistributors(deps.db, { limit, ...(cursor ? { cursor } : {}) });
      return page(
        // raw SQL reads timestamps as text
        rows.map((r) => ({
          ...r,
          phone: maskPhone(r.phone),
          joinedAt: new Date(r.joinedAt),
          updatedAt: new Date(r.updatedAt),
        })),
        limit,
        "userId",
      );
    },
  );
  app.get(
    `${base}/distributors/:id`,
    { config: read, schema: { tags, params: IdParams, response: { 200: DistributorDetail } } },
    async (request) => distributorDetail(deps, request.params.id),
  );
  app.post(
    `${base}/distributors/:id/status`,
    {
      config: manage,
      schema: { tags, params: IdParams, body: StatusActionBody, response: { 200: Distributor } },
    },
    async (request) =>
      changeDistributorStatus(
        deps,
        staffActor(request),
        request.params.id,
        request.body.action,
        request.body.reason,
      ),
  );
  app.post(
    `${base}/distributors/:id/appoint`,
    { config: manage, schema: { tags, params: IdParams, response: { 200: Distributor } } },
    async (request) => appointDistributor(deps, staffActor(request), request.params.id),
  );
}
