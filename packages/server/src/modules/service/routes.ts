// Shopper routes of 在线客服: open a conversation (with its context), read and send messages, 转人工, mark
// read, the unread badge, and the live stream of the open page.
import type { AppDeps } from "../../deps.ts";
import { currentUserId } from "../../http/authenticate.ts";
import { PageQuery } from "../../http/page.ts";
import type { App } from "../../http/types.ts";
import {
  getShopperConversation,
  listShopperConversations,
  listShopperMessages,
  markReadByShopper,
  openConversation,
  requestHuman,
  sendShopperMessage,
  shopperUnread,
  watchableByShopper,
} from "./conversations.ts";
import { openEventStream } from "./event-stream.ts";
import { closeLiveBus, liveBusOf } from "./live.ts";
import { listMessages } from "./repo.ts";
import {
  ConversationView,
  ConversationWithMessages,
  IdParams,
  MessagesQuery,
  MessagesResponse,
  OpenConversationBody,
  SendMessageBody,
  SentResponse,
  ShopperConversationPage,
  UnreadResponse,
} from "./schemas.ts";
import { conversationView, messageView } from "./views.ts";

export function registerServiceRoutes(app: App, deps: AppDeps): void {
  const tags = ["shopper: customer service"];
  const auth = { auth: "user" } as const;
  const base = "/api/v1/service/conversations";
  app.post(
    base,
    {
      config: auth,
      schema: { tags, body: OpenConversationBody, response: { 200: ConversationWithMessages } },
    },
    async (request) => openConversation(deps, currentUserId(request), request.body.context),
  );
  app.get(
    base,
    { config: auth, schema: { tags, querystring: PageQuery, response: { 200: ShopperConversationPage } } },
    async (request) => listShopperConversations(deps, currentUserId(request), request.query),
  );
  app.get(
    "/api/v1/service/unread",
    { config: auth, schema: { tags, response: { 200: UnreadResponse } } },
    async (request) => shopperUnread(deps, currentUserId(request)),
  );
  app.get(
    `${base}/:id`,
    { config: auth, schema: { tags, params: IdParams, response: { 200: ConversationWithMessages } } },
    async (request) => getShopperConversation(deps, currentUserId(request), request.params.id),
  );
  app.get(
    `${base}/:id/messages`,
    {
      config: auth,
      schema: { tags, params: IdParams, querystring: MessagesQuery, response: { 200: MessagesResponse } },
    },
    async (request) => listShopperMessages(deps, currentUserId(request), request.params.id, request.query),
  );
  app.post(
    `${base}/:id/messages`,
    {
      config: auth,
      schema: { tags, params: IdParams, body: SendMessageBody, response: { 201: SentResponse } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await sendShopperMessage(deps, currentUserId(request), request.params.id, request.body)),
  );
  app.post(
    `${base}/:id/human`,
    { config: auth, schema: { tags, params: IdParams, response: { 200: SentResponse } } },
    async (request) => requestHuman(deps, currentUserId(request), request.params.id),
  );
  app.post(
    `${base}/:id/read`,
    { config: auth, schema: { tags, params: IdParams, response: { 200: ConversationView } } },
    async (request) => markReadByShopper(deps, currentUserId(request), request.params.id),
  );
  app.get(
    `${base}/:id/events`,
    {
      config: auth,
      schema: {
        tags,
        params: IdParams,
        querystring: MessagesQuery.pick({ after: true }),
        description:
          "Server-sent events (text/event-stream): `conversation` events with the new message and state. Read with fetch (bearer header); on failure poll GET …/messages?after=.",
      },
    },
    async (request, reply) => {
      const userId = currentUserId(request);
      const conversation = await watchableByShopper(deps, userId, request.params.id);
      const after = request.query.after;
      await openEventStream(request, reply, {
        bus: liveBusOf(deps.database),
        topic: conversation.id,
        accept: (event) => event.userId === userId,
        ...(after !== undefined
          ? {
              backlog: async () =>
                (await listMessages(deps.db, conversation.id, { after, limit: 100 })).map((m) => ({
                  conversationId: conversation.id,
                  userId,
                  message: JSON.parse(JSON.stringify(messageView(m))),
                  conversation: JSON.parse(JSON.stringify(conversationView(conversation))),
                })),
            }
          : {}),
      });
    },
  );
  // the listening connection (PostgreSQL) closes with the app
  app.addHook("onClose", () => closeLiveBus(deps.database));
}
