// The merchant's FAQ editor and the most-asked unanswered questions (permission service.reply to read,
// settings.write to edit: an answer the bot gives is the shop speaking).
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { staffActor } from "../../http/authenticate.ts";
import { IdParams, somethingToUpdate } from "../../http/input-types.ts";
import type { App } from "../../http/types.ts";
import { createFaq, listFaq, listUnanswered, removeFaq, updateFaq } from "./faq.ts";
import { FaqBody, FaqList, FaqPatchBody, FaqView, UnansweredList, UnansweredQuery } from "./schemas.ts";

export function registerFaqRoutes(app: App, deps: AppDeps): void {
  const tags = ["admin: customer service"];
  const read = { permission: "service.reply" } as const;
  const write = { permission: "settings.write" } as const;
  app.get(
    "/api/admin/v1/service/faq",
    { config: read, schema: { tags, response: { 200: FaqList } } },
    async () => listFaq(deps.db),
  );
  app.post(
    "/api/admin/v1/service/faq",
    { config: write, schema: { tags, body: FaqBody, response: { 201: FaqView } } },
    async (request, reply) =>
      reply.status(201).send(await createFaq(deps.db, staffActor(request), request.body, deps.now())),
  );
  app.patch(
    "/api/admin/v1/service/faq/:id",
    {
      config: write,
      schema: { tags, params: IdParams, body: somethingToUpdate(FaqPatchBody), response: { 200: FaqView } },
    },
    async (request) => updateFaq(deps.db, staffActor(request), request.params.id, request.body, deps.now()),
  );
  app.delete(
    "/api/admin/v1/service/faq/:id",
    { config: write, schema: { tags, params: IdParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await removeFaq(deps.db, staffActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    "/api/admin/v1/service/unanswered",
    { config: read, schema: { tags, querystring: UnansweredQuery, response: { 200: UnansweredList } } },
    async (request) => listUnanswered(deps.db, request.query.limit),
  );
}
