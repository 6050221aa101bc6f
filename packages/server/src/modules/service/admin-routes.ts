// Staff routes of 在线客服 (permission service.reply): the queue, a conversation with its context card,
// claim / reply / transfer / close / read, history search, quick replies, pictures, and the desk's live stream.
import multipart from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { IdParams } from "../../http/input-types.ts";
import type { App } from "../../http/types.ts";
import { readImage, storageOf } from "../uploads/routes.ts";
import { MAX_UPLOAD_BYTES, storeImage } from "../uploads/service.ts";
import {
  addQuickReply,
  claimConversation,
  closeConversation,
  getDeskConversation,
  getQuickReplies,
  listDeskMessages,
  listDeskQueue,
  listDeskStaff,
  markReadByStaff,
  removeQuickReply,
  replyAsStaff,
  searchHistory,
  transferConversation,
} from "./desk.ts";
import { openEventStream } from "./event-stream.ts";
import { liveBusOf } from "./live.ts";
import {
  DeskStaff,
  MessagesQuery,
  MessagesResponse,
  QueuePage,
  QueueQuery,
  QuickReplyBody,
  QuickReplyList,
  QuickReplyView,
  SearchQuery,
  SearchResponse,
  SendMessageBody,
  StaffConversationDetail,
  StaffConversationView,
  TransferBody,
} from "./schemas.ts";

export function registerServiceDeskRoutes(app: App, deps: AppDeps): void {
  const tags = ["admin: customer service"];
  const reply = { permission: "service.reply" } as const;
  const base = "/api/admin/v1/service/conversations";
  // the permission hook set it: every route here declares one
  const me = (request: FastifyRequest) => request.staff!;

  app.get(
    base,
    { config: reply, schema: { tags, querystring: QueueQuery, response: { 200: QueuePage } } },
    async (request) => listDeskQueue(deps, me(request), request.query),
  );
  app.get(
    `${base}/:id`,
    { config: reply, schema: { tags, params: IdParams, response: { 200: StaffConversationDetail } } },
    async (request) => getDeskConversation(deps, request.params.id),
  );
  app.get(
    `${base}/:id/messages`,
    {
      config: reply,
      schema: { tags, params: IdParams, querystring: MessagesQuery, response: { 200: MessagesResponse } },
    },
    async (request) => listDeskMessages(deps, request.params.id, request.query),
  );
  app.post(
    `${base}/:id/claim`,
    { config: reply, schema: { tags, params: IdParams, response: { 200: StaffConversationView } } },
    async (request) => claimConversation(deps, me(request), request.params.id),
  );
  app.post(
    `${base}/:id/transfer`,
    {
      config: reply,
      schema: { tags, params: IdParams, body: TransferBody, response: { 200: StaffConversationView } },
    },
    async (request) => transferConversation(deps, me(request), request.params.id, request.body.staffId),
  );
  app.post(
    `${base}/:id/messages`,
    {
      config: reply,
      schema: {
        tags,
        params: IdParams,
        body: SendMessageBody,
        response: {
          201: z.object({ conversation: StaffConversationView, messages: MessagesResponse.shape.items }),
        },
      },
    },
    async (request, res) =>
      res.status(201).send(await replyAsStaff(deps, me(request), request.params.id, request.body)),
  );
  app.post(
    `${base}/:id/close`,
    { config: reply, schema: { tags, params: IdParams, response: { 200: StaffConversationView } } },
    async (request) => closeConversation(deps, request.params.id),
  );
  app.post(
    `${base}/:id/read`,
    { config: reply, schema: { tags, params: IdParams, response: { 200: StaffConversationView } } },
    async (request) => markReadByStaff(deps, request.params.id),
  );
  app.get(
    "/api/admin/v1/service/search",
    { config: reply, schema: { tags, querystring: SearchQuery, response: { 200: SearchResponse } } },
    async (request) => searchHistory(deps, request.query.q, request.query.limit),
  );
  app.get(
    "/api/admin/v1/service/staff",
    { config: reply, schema: { tags, response: { 200: DeskStaff } } },
    async () => listDeskStaff(deps),
  );
  app.get(
    "/api/admin/v1/service/quick-replies",
    { config: reply, schema: { tags, response: { 200: QuickReplyList } } },
    async () => getQuickReplies(deps),
  );
  app.post(
    "/api/admin/v1/service/quick-replies",
    { config: reply, schema: { tags, body: QuickReplyBody, response: { 201: QuickReplyView } } },
    async (request, res) => res.status(201).send(await addQuickReply(deps, request.body)),
  );
  app.delete(
    "/api/admin/v1/service/quick-replies/:id",
    { config: reply, schema: { tags, params: IdParams, response: { 204: z.null() } } },
    async (request, res) => {
      await removeQuickReply(deps, request.params.id);
      return res.status(204).send(null);
    },
  );
  app.get(
    "/api/admin/v1/service/events",
    {
      config: reply,
      schema: {
        tags,
        description:
          "Server-sent events for the desk: every conversation change (read with fetch and the bearer header).",
      },
    },
    async (request, res) => {
      await openEventStream(request, res, { bus: liveBusOf(deps.database), topic: "all" });
    },
  );

  const storage = storageOf(deps);
  app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });
    (scope as unknown as App).post(
      "/api/admin/v1/service/uploads",
      {
        config: reply,
        schema: {
          tags,
          response: {
            201: z.object({ key: z.string(), url: z.string(), contentType: z.string(), size: z.number() }),
          },
        },
      },
      async (request, res) =>
        res.status(201).send(await storeImage(storage, await readImage(request), deps.now(), "service")),
    );
  });
}
