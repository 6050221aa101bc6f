// Review routes: the buyer writes one per received line; anyone reads a product's visible reviews (and one
// review, for sharing); staff with reviews.moderate reply, hide with a reason, or show again.
import type { AppDeps } from "../../deps.ts";
import { currentUserId, staffActor } from "../../http/authenticate.ts";
import type { App } from "../../http/types.ts";
import {
  CreateReviewBody,
  HideBody,
  IdParams,
  ProductReviewsQuery,
  ProductReviewsResponse,
  ReplyBody,
  ReviewableLines,
  ReviewLinkParams,
  ReviewShare,
  ReviewView,
  StaffReviewPage,
  StaffReviewsQuery,
  StaffReviewView,
} from "./schemas.ts";
import {
  createReview,
  hideReview,
  productReviews,
  publicReview,
  replyToReview,
  reviewableLines,
  showReview,
  staffReviews,
} from "./service.ts";
import { reviewLanding, shareReview } from "./share.ts";

export function registerReviewRoutes(app: App, deps: AppDeps): void {
  const tags = ["shopper: reviews"];
  app.post(
    "/api/v1/reviews",
    { config: { auth: "user" }, schema: { tags, body: CreateReviewBody, response: { 201: ReviewView } } },
    async (request, reply) =>
      reply.status(201).send(await createReview(deps, currentUserId(request), request.body)),
  );
  app.get(
    "/api/v1/orders/:id/reviewable",
    { config: { auth: "user" }, schema: { tags, params: IdParams, response: { 200: ReviewableLines } } },
    async (request) => reviewableLines(deps.db, currentUserId(request), request.params.id),
  );
  app.get(
    "/api/v1/products/:id/reviews",
    {
      schema: {
        tags,
        params: IdParams,
        querystring: ProductReviewsQuery,
        response: { 200: ProductReviewsResponse },
      },
    },
    async (request) => productReviews(deps.db, request.params.id, request.query),
  );
  app.get(
    "/api/v1/reviews/:id",
    { schema: { tags, params: IdParams, response: { 200: ReviewView } } },
    async (request) => publicReview(deps.db, request.params.id),
  );

  app.get(
    "/api/v1/reviews/:id/share",
    { config: { auth: "user" }, schema: { tags, params: IdParams, response: { 200: ReviewShare } } },
    async (request) => shareReview(deps, currentUserId(request), request.params.id),
  );
  app.get(
    "/s/:code/r/:reviewId",
    { config: { auth: "public" }, schema: { tags, params: ReviewLinkParams } },
    async (request, reply) =>
      reply.redirect(await reviewLanding(deps.db, request.params.code, request.params.reviewId), 302),
  );

  const admin = ["admin: reviews"];
  const moderate = { permission: "reviews.moderate" } as const;
  app.get(
    "/api/admin/v1/reviews",
    {
      config: moderate,
      schema: { tags: admin, querystring: StaffReviewsQuery, response: { 200: StaffReviewPage } },
    },
    async (request) => staffReviews(deps.db, request.query),
  );
  app.post(
    "/api/admin/v1/reviews/:id/reply",
    {
      config: moderate,
      schema: { tags: admin, params: IdParams, body: ReplyBody, response: { 200: StaffReviewView } },
    },
    async (request) => replyToReview(deps, staffActor(request), request.params.id, request.body.reply),
  );
  app.post(
    "/api/admin/v1/reviews/:id/hide",
    {
      config: moderate,
      schema: { tags: admin, params: IdParams, body: HideBody, response: { 200: StaffReviewView } },
    },
    async (request) => hideReview(deps, staffActor(request), request.params.id, request.body.reason),
  );
  app.post(
    "/api/admin/v1/reviews/:id/show",
    { config: moderate, schema: { tags: admin, params: IdParams, response: { 200: StaffReviewView } } },
    async (request) => showReview(deps, staffActor(request), request.params.id),
  );
}
