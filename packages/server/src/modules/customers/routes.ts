// Staff reveal one customer's phone in full (customers.reveal); lists elsewhere always mask it. Customer
// tags: the list of tags (customers.read); creating, deleting and tagging a customer (customers.tag).
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { staffActor } from "../../http/authenticate.ts";
import { fromDigits } from "../../http/input-types.ts";
import type { App } from "../../http/types.ts";
import { RevealBody, RevealResponse } from "./schemas.ts";
import { revealPhones } from "./service.ts";
import { createTag, deleteTag, listTags, MAX_TAGS_PER_CUSTOMER, setCustomerTags } from "./tags.ts";

const Tag = z.strictObject({ id: z.number(), name: z.string(), color: z.string() });
const TagWithCount = Tag.extend({ customers: z.number() });
const TagBody = z.strictObject({
  name: z.string().trim().min(1).max(12),
  color: z.enum(["blue", "green", "gold", "red", "purple", "cyan", "magenta", "orange"]).default("blue"),
});
const IdParams = z.strictObject({ id: fromDigits(z.number().int().positive()) });
const CustomerTagsBody = z.strictObject({
  // the cap itself is checked by the use case, which answers CUSTOMER_TAGS_TOO_MANY
  tagIds: z.array(z.number().int().positive()).max(MAX_TAGS_PER_CUSTOMER * 10),
});

export function registerCustomerRoutes(app: App, deps: AppDeps): void {
  const tags = ["admin: customers"];
  app.post(
    "/api/admin/v1/personal-data/reveal",
    {
      config: { permission: "customers.reveal" },
      schema: { tags, body: RevealBody, response: { 200: RevealResponse } },
    },
    async (request) => revealPhones(deps.db, staffActor(request), request.body.subject, request.body.id),
  );
  app.get(
    "/api/admin/v1/customer-tags",
    {
      config: { permission: "customers.read" },
      schema: { tags, response: { 200: z.strictObject({ items: z.array(TagWithCount) }) } },
    },
    async () => ({ items: await listTags(deps.db) }),
  );
  app.post(
    "/api/admin/v1/customer-tags",
    {
      config: { permission: "customers.tag" },
      schema: { tags, body: TagBody, response: { 201: TagWithCount } },
    },
    async (request, reply) =>
      reply.status(201).send(await createTag(deps.db, staffActor(request), request.body, deps.now())),
  );
  app.delete(
    "/api/admin/v1/customer-tags/:id",
    {
      config: { permission: "customers.tag" },
      schema: { tags, params: IdParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await deleteTag(deps.db, staffActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.put(
    "/api/admin/v1/customers/:id/tags",
    {
      config: { permission: "customers.tag" },
      schema: {
        tags,
        params: IdParams,
        body: CustomerTagsBody,
        response: { 200: z.strictObject({ userId: z.number(), tags: z.array(Tag) }) },
      },
    },
    async (request) =>
      setCustomerTags(deps.db, staffActor(request), request.params.id, request.body.tagIds, deps.now()),
  );
}
