// Shopper sign-up, login (phone or WeChat), logout and profile.
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { notFound } from "../../errors/app-error.ts";
import { currentUserId } from "../../http/authenticate.ts";
import type { App } from "../../http/types.ts";
import { sandboxSwitchedOn } from "../payments/settings.ts";
import { changePhone, requestAccountCode, requestNewPhoneCode, resetPassword } from "./phone-flows.ts";
import {
  AuthOptionsResponse,
  ChangePhoneBody,
  LoginBody,
  PhoneCodeBody,
  RegisterBody,
  ResetPasswordBody,
  SessionResponse,
  SmsCodeBody,
  SmsCodeSentResponse,
  UserResponse,
  WechatLoginBody,
} from "./schemas.ts";
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
    async (request) => {
      // The demo login signs in anyone who names a user: it exists only while the shop is in demo mode.
      if (deps.wechatLoginIsSandbox && !sandboxSwitchedOn(deps)) throw notFound("WeChat login");
      return loginWithWechat(deps, deps.wechatCodeExchange, request.body);
    },
  );

  app.get("/api/v1/auth/options", { schema: { tags, response: { 200: AuthOptionsResponse } } }, async () => {
    const demo = sandboxSwitchedOn(deps);
    return {
      demo,
      wechat: deps.wechatLoginIsSandbox
        ? demo
          ? ("sandbox" as const)
          : null
        : ("official_account" as const),
    };
  });

  app.post(
    "/api/v1/auth/sms-codes",
    { config: limited, schema: { tags, body: SmsCodeBody, response: { 200: SmsCodeSentResponse } } },
    async (request) => requestAccountCode(deps, { ...request.body, ip: request.ip }),
  );

  app.post(
    "/api/v1/auth/reset-password",
    { config: limited, schema: { tags, body: ResetPasswordBody, response: { 200: SessionResponse } } },
    async (request) => resetPassword(deps, request.body),
  );

  app.post(
    "/api/v1/me/phone/sms-codes",
    {
      config: { ...limited, auth: "user" },
      schema: { tags, body: PhoneCodeBody, response: { 200: SmsCodeSentResponse } },
    },
    async (request) => requestNewPhoneCode(deps, currentUserId(request), { ...request.body, ip: request.ip }),
  );

  app.put(
    "/api/v1/me/phone",
    {
      config: { ...limited, auth: "user" },
      schema: { tags, body: ChangePhoneBody, response: { 200: UserResponse } },
    },
    async (request) => changePhone(deps, currentUserId(request), request.body),
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
