// 推荐关系树 for staff (distribution.read): one node with its upline path and direct downline (the admin
// loads the tree a level at a time), and a search to jump to anyone by nickname, code or phone.
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { notFound } from "../../errors/app-error.ts";
import { IdParams } from "../../http/input-types.ts";
import type { App } from "../../http/types.ts";
import { findChildren, findNode, findUplineIds, searchNodes } from "./repo.ts";

const Node = z.strictObject({
  userId: z.number(),
  nickname: z.string(),
  inviteCode: z.string().nullable(),
  status: z.string().nullable(),
  directMembers: z.number(),
  /** Members on levels 1–3 under this node. */
  teamMembers: z.number(),
  /** Paid sales (net of refunds) of levels 1–3. */
  teamSalesFen: z.number(),
  ownSalesFen: z.number(),
});
const Branch = z.strictObject({ node: Node, upline: z.array(Node), children: z.array(Node) });
const SearchQuery = z.strictObject({ q: z.string().trim().min(1).max(40) });
const CHILDREN_SHOWN = 200;

export function registerReferralTreeRoutes(app: App, deps: AppDeps): void {
  const tags = ["admin: distribution"];
  const config = { permission: "distribution.read" } as const;
  app.get(
    "/api/admin/v1/distribution/tree/:id",
    { config, schema: { tags, params: IdParams, response: { 200: Branch } } },
    async (request) => {
      const node = await findNode(deps.db, request.params.id);
      if (!node) throw notFound("User", { userId: request.params.id });
      const upline = [];
      for (const id of (await findUplineIds(deps.db, node.userId)).reverse()) {
        const up = await findNode(deps.db, id);
        if (up) upline.push(up);
      }
      return { node, upline, children: await findChildren(deps.db, node.userId, CHILDREN_SHOWN) };
    },
  );
  app.get(
    "/api/admin/v1/distribution/tree",
    { config, schema: { tags, querystring: SearchQuery, response: { 200: z.array(Node) } } },
    async (request) => searchNodes(deps.db, request.query.q, 20),
  );
}
