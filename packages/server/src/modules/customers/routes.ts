// Staff reveal one customer's phone in full (customers.reveal); lists elsewhere always mask it.
import type { AppDeps } from "../../deps.ts";
import { staffActor } from "../../http/authenticate.ts";
import type { App } from "../../http/types.ts";
import { RevealBody, RevealResponse } from "./schemas.ts";
import { revealPhones } from "./service.ts";

export function registerCustomerRoutes(app: App, deps: AppDeps): void {
  app.post(
    "/api/admin/v1/personal-data/reveal",
    {
      config: { permission: "customers.reveal" },
      schema: { tags: ["admin: customers"], body: RevealBody, response: { 200: RevealResponse } },
    },
    async (request) => revealPhones(deps.db, staffActor(request), request.body.subject, request.body.id),
  );
}
