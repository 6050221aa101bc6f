// The shopper's message centre: notices newest first, the unread badge, marking read.
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { currentUserId } from "../../http/authenticate.ts";
import { Id } from "../../http/input-types.ts";
import { PageQuery } from "../../http/page.ts";
import type { App } from "../../http/types.ts";
import { listNotifications, markNotificationsRead, unreadNotifications } from "./service.ts";

const Notification = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  readAt: z.date().nullable(),
  createdAt: z.date(),
});
const Unread = z.object({ unread: z.number() });

export function registerNotificationRoutes(app: App, deps: AppDeps): void {
  const tags = ["shopper: notifications"];
  const auth = { auth: "user" } as const;
  app.get(
    "/api/v1/notifications",
    {
      config: auth,
      schema: {
        tags,
        querystring: PageQuery,
        response: { 200: z.object({ items: z.array(Notification), nextCursor: z.number().nullable() }) },
      },
    },
    async (request) => listNotifications(deps.db, currentUserId(request), request.query),
  );
  app.get(
    "/api/v1/notifications/unread",
    { config: auth, schema: { tags, response: { 200: Unread } } },
    async (request) => unreadNotifications(deps.db, currentUserId(request)),
  );
  app.post(
    "/api/v1/notifications/read",
    {
      config: auth,
      schema: {
        tags,
        body: z.strictObject({ ids: z.array(Id).max(100).optional() }),
        response: { 200: Unread },
      },
    },
    async (request) => markNotificationsRead(deps.db, currentUserId(request), request.body.ids, deps.now()),
  );
}
