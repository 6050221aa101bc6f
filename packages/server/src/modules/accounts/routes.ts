// Shopper sign-up, login (phone or WeChat), logout and profile.
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { currentUserId } from "../../http/authenticate.ts";
import type { App } from "../../http/types.ts";
import { LoginBody, RegisterBody, SessionResponse, UserResponse, WechatLoginBody } from "./schemas.ts";
import { getProfile, loginShopper, loginWithWechat, logout, registerShopper } from "./service.ts";

export function registerAccountRoutes(app: App, deps: AppDeps): void {
  const limited = { rateLimit: { max: deps.config.rateLimitLoginPerMinute, timeWindow: "1 minute" } };
  const tags = ["shopper: account"];

  app.post(
    "/api/v1/auth/register",
    { config: limited, schema: { tags, body: RegisterBody, response: { 201: SessionResponse } } },
    async (request, reply) => reply.status(201).send(await registerShopper(deps, request.body)),
  );

  app.post(
    "/api/v1/auth/login",
    { config: limited, schema: { tags, body: LoginBody, response: { 200: SessionResponse } } },
    async (request) => loginShopper(deps, request.body),
  );

  app.post(
    "/api/v1/auth/wechat",
    { config: limited, schema: { tags, body: WechatLoginBody, response: { 200: SessionResponse } } },
    async (request) => loginWithWechat(deps, deps.wechatCodeExchange, request.body),
  );

  app.post(
    "/api/v1/auth/logout",
    { config: { auth: "user" }, schema: { tags, response: { 204: z.null() } } },
    async (request, reply) => {
      await logout(deps, request.sessionTokenHash);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/v1/me",
    { config: { auth: "user" }, schema: { tags, response: { 200: UserResponse } } },
    async (request) => getProfile(deps, currentUserId(request)),
  );
}
