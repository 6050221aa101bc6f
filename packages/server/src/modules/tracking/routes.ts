// Tracking routes: the shop posts views and share presses here; the batch is written later by the buffer.
import type { AppDeps } from "../../deps.ts";
import type { App } from "../../http/types.ts";
import { ClientEventsBody, ClientEventsResponse } from "./schemas.ts";
import { eventBufferOf, recordClientEvents } from "./service.ts";

export function registerTrackingRoutes(app: App, deps: AppDeps): void {
  // whatever is queued is written before the process lets go of the database
  app.addHook("onClose", async () => eventBufferOf(deps).flush());
  app.post(
    "/api/v1/events",
    {
      config: { auth: "optional-user" },
      schema: {
        tags: ["shopper: tracking"],
        body: ClientEventsBody,
        response: { 200: ClientEventsResponse },
      },
    },
    async (request) => recordClientEvents(deps, request.user?.id ?? null, request.body),
  );
}
