// Marketing routes: staff manage activities (any kind of the domain's list) and see their results; the shop
// reads the activities running now.
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { currentUserId, staffActor } from "../../http/authenticate.ts";
import { IdParams } from "../../http/input-types.ts";
import type { App } from "../../http/types.ts";
import {
  ActivityBody,
  ActivityKindQuery,
  ActivityResponse,
  InviteGiftGrant,
  ShopActivityResponse,
  WelcomeOfferResponse,
} from "./activities-schemas.ts";
import { createActivity, editActivity, getActivities, stopActivity } from "./activities-service.ts";
import {
  CentreCoupon,
  CouponTemplateBody,
  CouponTemplateResponse,
  IssueCouponsBody,
  IssueCouponsResponse,
  MyCoupon,
  MyCouponQuery,
} from "./coupons-schemas.ts";
import {
  claimCoupon,
  createCouponTemplate,
  getCouponCentre,
  getCouponTemplates,
  getMyCoupons,
  issueCoupons,
  stopCouponTemplate,
} from "./coupons-service.ts";
import { getChallengeProgress, getChallengeResults, getOrderChallenge } from "./group-challenges.ts";
import {
  ChallengeProgressResponse,
  ChallengeResultsResponse,
  OrderChallengeResponse,
} from "./group-challenges-schemas.ts";
import { getInviteGiftResults } from "./invite-gifts.ts";
import { getShopActivities } from "./shop-activities.ts";
import { getWelcomeOffer } from "./welcome-offers.ts";

export function registerMarketingRoutes(app: App, deps: AppDeps): void {
  const tags = ["admin: marketing"];
  const read = { permission: "marketing.read" } as const;
  const write = { permission: "marketing.write" } as const;
  app.get(
    "/api/v1/group-challenges/:id",
    {
      schema: {
        tags: ["shopper: marketing"],
        params: IdParams,
        response: { 200: ChallengeProgressResponse },
      },
    },
    async (request) => getChallengeProgress(deps.db, request.params.id, deps.now()),
  );
  app.get(
    "/api/v1/orders/:id/group-challenge",
    {
      config: { auth: "user" },
      schema: {
        tags: ["shopper: marketing"],
        params: IdParams,
        response: { 200: OrderChallengeResponse },
      },
    },
    async (request) => getOrderChallenge(deps.db, currentUserId(request), request.params.id, deps.now()),
  );
  app.get(
    "/api/admin/v1/group-challenges/:id/results",
    { config: read, schema: { tags, params: IdParams, response: { 200: ChallengeResultsResponse } } },
    async (request) => getChallengeResults(deps.db, request.params.id, deps.now()),
  );
  app.get(
    "/api/admin/v1/activities",
    {
      config: read,
      schema: { tags, querystring: ActivityKindQuery, response: { 200: z.array(ActivityResponse) } },
    },
    async (request) => getActivities(deps, request.query.kind),
  );
  app.post(
    "/api/admin/v1/activities",
    { config: write, schema: { tags, body: ActivityBody, response: { 201: ActivityResponse } } },
    async (request, reply) =>
      reply.status(201).send(await createActivity(deps, staffActor(request), request.body)),
  );
  app.put(
    "/api/admin/v1/activities/:id",
    {
      config: write,
      schema: { tags, params: IdParams, body: ActivityBody, response: { 200: ActivityResponse } },
    },
    async (request) => editActivity(deps, staffActor(request), request.params.id, request.body),
  );
  app.post(
    "/api/admin/v1/activities/:id/stop",
    { config: write, schema: { tags, params: IdParams, response: { 200: ActivityResponse } } },
    async (request) => stopActivity(deps, staffActor(request), request.params.id),
  );
  app.get(
    "/api/v1/activities",
    { schema: { tags: ["shop: marketing"], response: { 200: z.array(ShopActivityResponse) } } },
    async () => getShopActivities(deps),
  );
  app.get(
    "/api/admin/v1/activities/:id/invite-gifts",
    {
      config: read,
      schema: { tags, params: IdParams, response: { 200: z.array(InviteGiftGrant) } },
    },
    async (request) => getInviteGiftResults(deps.db, request.params.id),
  );
  app.get(
    "/api/v1/welcome-offer",
    {
      config: { auth: "optional-user" },
      schema: { tags: ["shop: marketing"], response: { 200: WelcomeOfferResponse } },
    },
    async (request) => getWelcomeOffer(deps, request.user?.id ?? null),
  );
  registerCouponRoutes(app, deps);
}

function registerCouponRoutes(app: App, deps: AppDeps): void {
  const tags = ["admin: marketing"];
  const shop = ["shop: coupons"];
  const read = { permission: "marketing.read" } as const;
  const write = { permission: "marketing.write" } as const;
  app.get(
    "/api/admin/v1/coupon-templates",
    { config: read, schema: { tags, response: { 200: z.array(CouponTemplateResponse) } } },
    async () => getCouponTemplates(deps.db),
  );
  app.post(
    "/api/admin/v1/coupon-templates",
    { config: write, schema: { tags, body: CouponTemplateBody, response: { 201: CouponTemplateResponse } } },
    async (request, reply) =>
      reply.status(201).send(await createCouponTemplate(deps, staffActor(request), request.body)),
  );
  app.post(
    "/api/admin/v1/coupon-templates/:id/stop",
    { config: write, schema: { tags, params: IdParams, response: { 200: CouponTemplateResponse } } },
    async (request) => stopCouponTemplate(deps, staffActor(request), request.params.id),
  );
  app.post(
    "/api/admin/v1/coupon-templates/:id/issue",
    {
      config: write,
      schema: { tags, params: IdParams, body: IssueCouponsBody, response: { 200: IssueCouponsResponse } },
    },
    async (request) => issueCoupons(deps, staffActor(request), request.params.id, request.body.userIds),
  );
  app.get(
    "/api/v1/coupons/centre",
    { config: { auth: "user" }, schema: { tags: shop, response: { 200: z.array(CentreCoupon) } } },
    async (request) => getCouponCentre(deps, currentUserId(request)),
  );
  app.post(
    "/api/v1/coupons/:id/claim",
    {
      config: { auth: "user" },
      schema: {
        tags: shop,
        params: IdParams,
        response: { 201: z.object({ couponId: z.number(), validTo: z.date() }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await claimCoupon(deps, currentUserId(request), request.params.id)),
  );
  app.get(
    "/api/v1/coupons/mine",
    {
      config: { auth: "user" },
      schema: { tags: shop, querystring: MyCouponQuery, response: { 200: z.array(MyCoupon) } },
    },
    async (request) => getMyCoupons(deps, currentUserId(request), request.query.status),
  );
}
