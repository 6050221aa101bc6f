// Staff freight template pages.
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { staffActor } from "../../http/authenticate.ts";
import { IdParams } from "../../http/input-types.ts";
import type { App } from "../../http/types.ts";
import { FreightTemplateBody, FreightTemplateResponse } from "./schemas.ts";
import {
  createFreightTemplate,
  deleteFreightTemplate,
  getFreightTemplates,
  updateFreightTemplate,
} from "./service.ts";

export function registerFreightRoutes(app: App, deps: AppDeps): void {
  const tags = ["admin: freight"];
  const write = { permission: "catalog.write" } as const;
  app.get(
    "/api/admin/v1/freight-templates",
    {
      config: { permission: "catalog.read" },
      schema: { tags, response: { 200: z.array(FreightTemplateResponse) } },
    },
    async () => getFreightTemplates(deps.db),
  );
  app.post(
    "/api/admin/v1/freight-templates",
    {
      config: write,
      schema: { tags, body: FreightTemplateBody, response: { 201: FreightTemplateResponse } },
    },
    async (request, reply) =>
      reply.status(201).send(await createFreightTemplate(deps, staffActor(request), request.body)),
  );
  app.put(
    "/api/admin/v1/freight-templates/:id",
    {
      config: write,
      schema: {
        tags,
        params: IdParams,
        body: FreightTemplateBody,
        response: { 200: FreightTemplateResponse },
      },
    },
    async (request) => updateFreightTemplate(deps, staffActor(request), request.params.id, request.body),
  );
  app.delete(
    "/api/admin/v1/freight-templates/:id",
    { config: write, schema: { tags, params: IdParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteFreightTemplate(deps, staffActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
