// Shared HTTP types: the typed Fastify instance, what a route may declare, and who is calling.
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { StaffRole } from "../db/schema/accounts.ts";
import type { Permission } from "./permissions.ts";

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export type StaffPrincipal = { id: number; username: string; name: string; role: StaffRole };
export type UserPrincipal = { id: number };

/** What the caller of a staff write is, for the audit log. */
export type StaffActor = { staffId: number; username: string; requestId: string; ip: string };

declare module "fastify" {
  interface FastifyContextConfig {
    /** "user": a shopper must be logged in; "optional-user": identify if a token is sent. */
    auth?: "user" | "optional-user" | "public";
    /** Staff routes name the permission they need. */
    permission?: Permission;
  }
  interface FastifyRequest {
    user: UserPrincipal | null;
    staff: StaffPrincipal | null;
    sessionTokenHash: string | null;
  }
}
