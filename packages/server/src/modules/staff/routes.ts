// Staff login and the owner's staff & roles page.
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { staffActor } from "../../http/authenticate.ts";
import { type Permission, permissionsOf } from "../../http/permissions.ts";
import type { App } from "../../http/types.ts";
import { logout } from "../accounts/service.ts";
import {
  CreateStaffBody,
  RolesResponse,
  StaffIdParams,
  StaffLoginBody,
  StaffMeResponse,
  StaffResponse,
  StaffSessionResponse,
  UpdateStaffBody,
} from "./schemas.ts";
import { createStaffMember, getStaffMe, listStaffMembers, loginStaff, updateStaffMember } from "./service.ts";

const anyStaff: Permission = "settings.read";

export function registerStaffRoutes(app: App, deps: AppDeps): void {
  const tags = ["admin: staff"];
  app.post(
    "/api/admin/v1/auth/login",
    {
      config: { rateLimit: { max: deps.config.rateLimitLoginPerMinute, timeWindow: "1 minute" } },
      schema: { tags, body: StaffLoginBody, response: { 200: StaffSessionResponse } },
    },
    async (request) => loginStaff(deps, request.body, { requestId: request.id, ip: request.ip }),
  );

  app.post(
    "/api/admin/v1/auth/logout",
    { config: { permission: anyStaff }, schema: { tags, response: { 204: z.null() } } },
    async (request, reply) => {
      await logout(deps, request.sessionTokenHash);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/admin/v1/me",
    { config: { permission: anyStaff }, schema: { tags, response: { 200: StaffMeResponse } } },
    async (request) => getStaffMe(deps, staffActor(request).staffId),
  );

  app.get(
    "/api/admin/v1/roles",
    { config: { permission: "staff.read" }, schema: { tags, response: { 200: RolesResponse } } },
    async () =>
      (["owner", "operator", "finance", "support"] as const).map((role) => ({
        role,
        permissions: permissionsOf(role),
      })),
  );

  app.get(
    "/api/admin/v1/staff",
    { config: { permission: "staff.read" }, schema: { tags, response: { 200: z.array(StaffResponse) } } },
    async () => listStaffMembers(deps),
  );

  app.post(
    "/api/admin/v1/staff",
    {
      config: { permission: "staff.write" },
      schema: { tags, body: CreateStaffBody, response: { 201: StaffResponse } },
    },
    async (request, reply) =>
      reply.status(201).send(await createStaffMember(deps, staffActor(request), request.body)),
  );

  app.patch(
    "/api/admin/v1/staff/:id",
    {
      config: { permission: "staff.write" },
      schema: { tags, params: StaffIdParams, body: UpdateStaffBody, response: { 200: StaffResponse } },
    },
    async (request) => updateStaffMember(deps, staffActor(request), request.params.id, request.body),
  );
}
