// Sharing routes: the short links (a redirect to the page carrying the code), a distributor's links and
// estimated earning, their posters (PNG), the WeChat JS-SDK signature; for staff the poster settings and
// the live preview.
import type { FastifyReply } from "fastify";
import type { AppDeps } from "../../deps.ts";
import { AppError } from "../../errors/app-error.ts";
import { currentUserId, staffActor } from "../../http/authenticate.ts";
import type { App } from "../../http/types.ts";
import { getSettings } from "../settings/service.ts";
import { landingOf, type ShareTarget } from "./links.ts";
import { savePosterSettings } from "./poster-settings-service.ts";
import { invitePoster, previewProductPoster, productPoster, renderInvite } from "./posters.ts";
import {
  JsConfigQuery,
  JsConfigResponse,
  PosterPreviewQuery,
  PosterSettings,
  PosterSettingsBody,
  ProductPosterParams,
  ShareQuery,
  ShareResponse,
  ShortActivityLinkParams,
  ShortLinkParams,
  ShortProductLinkParams,
} from "./schemas.ts";
import { getShare } from "./service.ts";
import { jsSdkConfig } from "./wechat-share.ts";

function sendPng(reply: FastifyReply, poster: { png: Buffer; etag: string }) {
  return reply
    .type("image/png")
    .header("cache-control", "private, max-age=300")
    .header("etag", `"${poster.etag}"`)
    .send(poster.png);
}

export function registerSharingRoutes(app: App, deps: AppDeps): void {
  const tags = ["shopper: sharing"];
  app.get(
    "/s/:code",
    { config: { auth: "public" }, schema: { tags, params: ShortLinkParams } },
    async (request, reply) => reply.redirect(landingOf(request.params.code, { kind: "shop" }), 302),
  );
  app.get(
    "/s/:code/p/:productId",
    { config: { auth: "public" }, schema: { tags, params: ShortProductLinkParams } },
    async (request, reply) =>
      reply.redirect(
        landingOf(request.params.code, { kind: "product", productId: request.params.productId }),
        302,
      ),
  );
  const more = [
    ["/s/:code/store", () => ({ kind: "storefront" })],
    ["/s/:code/g/:id", (id: number) => ({ kind: "group_buy", activityId: id })],
    ["/s/:code/t/:id", (id: number) => ({ kind: "group", groupId: id })],
    ["/s/:code/c/:id", (id: number) => ({ kind: "challenge", activityId: id })],
  ] as const;
  for (const [path, target] of more)
    app.get(
      path,
      {
        config: { auth: "public" },
        schema: { tags, params: path.endsWith(":id") ? ShortActivityLinkParams : ShortLinkParams },
      },
      async (request, reply) => {
        const params = request.params as { code: string; id?: number };
        return reply.redirect(landingOf(params.code, target(params.id ?? 0) as ShareTarget), 302);
      },
    );
  app.get(
    "/api/v1/distribution/share",
    { config: { auth: "user" }, schema: { tags, querystring: ShareQuery, response: { 200: ShareResponse } } },
    async (request) => getShare(deps, currentUserId(request), request.query),
  );
  app.get(
    "/api/v1/distribution/posters/product/:productId",
    { config: { auth: "user" }, schema: { tags, params: ProductPosterParams } },
    async (request, reply) =>
      sendPng(reply, await productPoster(deps, currentUserId(request), request.params.productId)),
  );
  app.get(
    "/api/v1/distribution/posters/invite",
    { config: { auth: "user" }, schema: { tags } },
    async (request, reply) => sendPng(reply, await invitePoster(deps, currentUserId(request))),
  );
  app.get(
    "/api/v1/wechat/js-config",
    {
      config: { auth: "public" },
      schema: { tags, querystring: JsConfigQuery, response: { 200: JsConfigResponse } },
    },
    async (request) => jsSdkConfig(deps, request.query.url),
  );

  const admin = ["admin: sharing"];
  app.get(
    "/api/admin/v1/sharing/poster-settings",
    { config: { permission: "settings.read" }, schema: { tags: admin, response: { 200: PosterSettings } } },
    async () => getSettings(deps.db, "posters"),
  );
  app.put(
    "/api/admin/v1/sharing/poster-settings",
    {
      config: { permission: "settings.write" },
      schema: { tags: admin, body: PosterSettingsBody, response: { 200: PosterSettings } },
    },
    async (request) => savePosterSettings(deps, staffActor(request), request.body),
  );
  app.get(
    "/api/admin/v1/sharing/poster-preview",
    { config: { permission: "settings.read" }, schema: { tags: admin, querystring: PosterPreviewQuery } },
    async (request, reply) => {
      const q = request.query;
      if (q.kind === "product") {
        if (!q.productId) throw new AppError("VALIDATION_FAILED", "Pick a product to preview");
        return sendPng(reply, await previewProductPoster(deps, q.productId, q.template));
      }
      const poster = await renderInvite(
        deps,
        {
          nickname: "示例分销员",
          avatarUrl: null,
          link: `${deps.config.publicUrl}/s/PREVIEW`,
          code: "PREVIEW",
        },
        {
          template: q.template,
          ...(q.inviteBackgroundKey ? { inviteBackgroundKey: q.inviteBackgroundKey } : {}),
          ...(q.inviteText ? { inviteText: q.inviteText } : {}),
        },
      );
      return sendPng(reply, poster);
    },
  );
}
