// The shop's distribution centre (分销中心) and the referral visit endpoint.
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { currentUserId } from "../../http/authenticate.ts";
import { fromDigits } from "../../http/input-types.ts";
import type { App } from "../../http/types.ts";
import { findUserById } from "../accounts/repo.ts";
import { findBinding, findTeamMembers, findTeamSummary } from "../binding/repo.ts";
import { recordVisit } from "../binding/service.ts";
import { findCommissions, findEarningsSummary } from "../commissions/repo.ts";
import { findPromotedOrders } from "../commissions/views.ts";
import { findDistributor } from "../distributors/repo.ts";
import { applyForDistributor, becomeDistributor, getMyDistributorStatus } from "../distributors/service.ts";
import { getMyGrade } from "../grades/service.ts";
import { listWithdrawals } from "../withdrawals/repo.ts";
import { getWallet, previewWithdrawal, requestWithdrawal, withdrawalView } from "../withdrawals/service.ts";
import {
  ApplicationBody,
  CommissionRecords,
  PageQuery,
  PreviewQuery,
  PreviewResponse,
  page,
  Row,
  Rows,
  VisitBody,
  VisitResponse,
  WalletResponse,
  WithdrawBody,
} from "./schemas.ts";

const SHANGHAI_MS = 8 * 3_600_000;

function periodStarts(now: Date) {
  const local = new Date(now.getTime() + SHANGHAI_MS);
  const day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - SHANGHAI_MS;
  const month = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - SHANGHAI_MS;
  return { day: new Date(day), month: new Date(month) };
}

export function registerDistributionShopRoutes(app: App, deps: AppDeps): void {
  const tags = ["shopper: distribution"];
  const auth = { auth: "user" } as const;
  const base = "/api/v1/distribution";

  app.post(
    "/api/v1/referrals/visit",
    {
      config: { auth: "optional-user" },
      schema: { tags, body: VisitBody, response: { 200: VisitResponse } },
    },
    async (request) => recordVisit(deps, request.user?.id ?? null, request.body),
  );
  app.get(`${base}/me`, { config: auth, schema: { tags, response: { 200: Row } } }, async (request) => {
    const userId = currentUserId(request);
    const status = await getMyDistributorStatus(deps.db, userId);
    const code = status.distributor?.inviteCode ?? null;
    return {
      ...status,
      inviteCode: code,
      inviteLink: code ? `${deps.config.publicUrl}/?ref=${code}` : null,
    };
  });
  app.post(`${base}/join`, { config: auth, schema: { tags, response: { 200: Row } } }, async (request) =>
    becomeDistributor(deps, currentUserId(request)),
  );
  app.post(
    `${base}/applications`,
    { config: auth, schema: { tags, body: ApplicationBody, response: { 201: Row } } },
    async (request, reply) =>
      reply.status(201).send(await applyForDistributor(deps, currentUserId(request), request.body)),
  );
  app.get(`${base}/referrer`, { config: auth, schema: { tags, response: { 200: Row } } }, async (request) => {
    const binding = await findBinding(deps.db, currentUserId(request));
    if (!binding) return { referrer: null };
    const upline = await findDistributor(deps.db, binding.uplineUserId);
    const person = await findUserById(deps.db, binding.uplineUserId);
    return {
      referrer: {
        userId: binding.uplineUserId,
        nickname: person?.nickname ?? null,
        inviteCode: upline?.inviteCode ?? null,
        boundAt: binding.boundAt,
        source: binding.source,
      },
    };
  });
  app.get(
    `${base}/wallet`,
    { config: auth, schema: { tags, response: { 200: WalletResponse } } },
    async (request) => {
      const userId = currentUserId(request);
      const { day, month } = periodStarts(deps.now());
      return {
        ...(await getWallet(deps.db, userId)),
        ...(await findEarningsSummary(deps.db, userId, day, month)),
      };
    },
  );
  app.get(
    `${base}/commissions`,
    { config: auth, schema: { tags, querystring: PageQuery, response: { 200: CommissionRecords } } },
    async (request) => {
      const { limit, cursor } = request.query;
      const rows = await findCommissions(deps.db, {
        earnerUserId: currentUserId(request),
        limit,
        ...(cursor ? { cursor } : {}),
      });
      // the earner is the caller: their own name and phone add nothing
      return page(
        rows.map(({ earnerNickname: _n, earnerPhone: _p, ...row }) => row),
        limit,
        "id",
      );
    },
  );
  app.get(
    `${base}/orders`,
    { config: auth, schema: { tags, querystring: PageQuery, response: { 200: Rows } } },
    async (request) => {
      const { limit, cursor } = request.query;
      return page(await findPromotedOrders(deps.db, currentUserId(request), limit, cursor), limit, "orderId");
    },
  );
  app.get(
    `${base}/team`,
    {
      config: auth,
      schema: {
        tags,
        querystring: z.strictObject({ level: fromDigits(z.number().int().min(1).max(3).default(1)) }),
        response: { 200: Row },
      },
    },
    async (request) => {
      const userId = currentUserId(request);
      return {
        levels: await findTeamSummary(deps.db, userId),
        members: await findTeamMembers(deps.db, userId, request.query.level, 100),
      };
    },
  );
  app.get(`${base}/grade`, { config: auth, schema: { tags, response: { 200: Row } } }, async (request) => {
    const userId = currentUserId(request);
    const distributor = await findDistributor(deps.db, userId);
    return getMyGrade(deps.db, userId, distributor?.gradeId ?? null);
  });
  app.get(
    `${base}/withdrawals/preview`,
    { config: auth, schema: { tags, querystring: PreviewQuery, response: { 200: PreviewResponse } } },
    async (request) =>
      previewWithdrawal(deps, currentUserId(request), request.query.method, request.query.amountFen),
  );
  app.post(
    `${base}/withdrawals`,
    { config: auth, schema: { tags, body: WithdrawBody, response: { 201: Row } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(withdrawalView(await requestWithdrawal(deps, currentUserId(request), request.body))),
  );
  app.get(
    `${base}/withdrawals`,
    { config: auth, schema: { tags, querystring: PageQuery, response: { 200: Rows } } },
    async (request) => {
      const { limit, cursor } = request.query;
      const rows = await listWithdrawals(deps.db, {
        userId: currentUserId(request),
        limit,
        ...(cursor ? { cursor } : {}),
      });
      return page(rows.map(withdrawalView), limit, "id");
    },
  );
}
