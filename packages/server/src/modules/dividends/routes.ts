// Dividend routes. Admin: settings (with the 团队计酬 notice), dividend grades and members, runs (preview,
// approve — a money action — discard, history, drill-down with lines), contests (editor, standing, freeze)
// and leaderboards. Shop: my dividend grade, progress and dividends by period, leaderboards with my rank,
// current contests.
import { periodOf } from "@liebian/domain";
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { currentUserId, staffActor } from "../../http/authenticate.ts";
import { IdParams } from "../../http/input-types.ts";
import { moneyPermission } from "../../http/money-actions.ts";
import { PageQuery, page } from "../../http/page.ts";
import type { App } from "../../http/types.ts";
import { approveRun, discardRun } from "./approve-run.ts";
import { contestStanding, createContest, freezeContest, listContests } from "./contests.ts";
import { assignDividendGrade, createDividendGrade, getMyDividends, listDividendGrades } from "./grades.ts";
import { previewRun } from "./preview-run.ts";
import { listPhysicalPrizes, markPrizeSent } from "./prizes.ts";
import { findRunLines, listRuns } from "./repo.ts";
import {
  Contest,
  ContestBody,
  ContestList,
  ContestStanding,
  DividendGrade,
  DividendGradeBody,
  DividendGradeList,
  DividendSettings,
  DividendSettingsResponse,
  Leaderboard,
  LeaderboardQuery,
  MemberBody,
  MyDividends,
  PhysicalPrize,
  PhysicalPrizeList,
  PrizeSentBody,
  PrizesQuery,
  Run,
  RunBody,
  RunDetail,
  RunLines,
  RunLinesQuery,
  RunList,
} from "./schemas.ts";
import { getDividendSettings, saveDividendSettings, settingsView } from "./settings.ts";
import { findStandings } from "./standings.ts";
import { runDetail, runView } from "./views.ts";

const Ok = z.strictObject({ ok: z.literal(true) });
const UserParams = z.strictObject({ userId: IdParams.shape.id });

export function registerDividendRoutes(app: App, deps: AppDeps): void {
  registerAdminRoutes(app, deps);
  registerShopRoutes(app, deps);
}

const windows = { today: "day", week: "week", month: "month" } as const;

async function leaderboard(deps: AppDeps, query: z.infer<typeof LeaderboardQuery>, userId?: number) {
  const period = periodOf(windows[query.period], deps.now().getTime());
  const { top, mine } = await findStandings(deps.db, {
    metric: query.metric,
    window: { start: new Date(period.startMs), end: new Date(period.endMs) },
    completedOnly: false,
    limit: 20,
    ...(userId ? { userId } : {}),
  });
  const entry = (s: (typeof top)[number]) => ({
    rank: s.rank,
    userId: s.userId,
    nickname: s.nickname,
    value: s.value,
  });
  return {
    metric: query.metric,
    period: query.period,
    periodKey: period.key,
    items: top.map(entry),
    mine: mine && entry(mine),
  };
}

function registerAdminRoutes(app: App, deps: AppDeps): void {
  const tags = ["admin: dividends"];
  const base = "/api/admin/v1/dividends";
  const read = { permission: "distribution.read" } as const;
  const configure = { permission: "distribution.configure" } as const;

  app.get(
    `${base}/settings`,
    { config: read, schema: { tags, response: { 200: DividendSettingsResponse } } },
    async () => settingsView(await getDividendSettings(deps.db)),
  );
  app.put(
    `${base}/settings`,
    {
      config: configure,
      schema: { tags, body: DividendSettings, response: { 200: DividendSettingsResponse } },
    },
    async (request) =>
      saveDividendSettings(deps, { ...staffActor(request), role: request.staff!.role }, request.body),
  );
  app.get(
    `${base}/grades`,
    { config: read, schema: { tags, response: { 200: DividendGradeList } } },
    async () => ({
      items: await listDividendGrades(deps.db),
      nextCursor: null,
    }),
  );
  app.post(
    `${base}/grades`,
    { config: configure, schema: { tags, body: DividendGradeBody, response: { 201: DividendGrade } } },
    async (request, reply) =>
      reply.status(201).send(await createDividendGrade(deps, staffActor(request), request.body)),
  );
  app.put(
    `${base}/members/:userId`,
    { config: configure, schema: { tags, params: UserParams, body: MemberBody, response: { 200: Ok } } },
    async (request) =>
      assignDividendGrade(deps, staffActor(request), request.params.userId, request.body.gradeId),
  );

  app.post(
    `${base}/runs`,
    { config: configure, schema: { tags, body: RunBody, response: { 200: Run, 201: Run } } },
    async (request, reply) => {
      const { run, created } = await previewRun(deps, {
        ...request.body,
        staffId: staffActor(request).staffId,
      });
      return reply.status(created ? 201 : 200).send(runView(run));
    },
  );
  app.get(
    `${base}/runs`,
    { config: read, schema: { tags, querystring: PageQuery, response: { 200: RunList } } },
    async (request) => {
      const { limit, cursor } = request.query;
      return page((await listRuns(deps.db, limit, cursor)).map(runView), limit, "id");
    },
  );
  app.get(
    `${base}/runs/:id`,
    { config: read, schema: { tags, params: IdParams, response: { 200: RunDetail } } },
    async (request) => runDetail(deps.db, request.params.id),
  );
  app.get(
    `${base}/runs/:id/lines`,
    {
      config: read,
      schema: { tags, params: IdParams, querystring: RunLinesQuery, response: { 200: RunLines } },
    },
    async (request) => {
      const { limit, cursor = 0 } = request.query;
      const items = await findRunLines(deps.db, request.params.id, limit, cursor);
      return { items, nextCursor: items.length === limit ? cursor + limit : null };
    },
  );
  app.post(
    `${base}/runs/:id/approve`,
    {
      config: { permission: moneyPermission("dividend.approve_run") },
      schema: { tags, params: IdParams, response: { 200: Run } },
    },
    async (request) => runView(await approveRun(deps, staffActor(request), request.params.id)),
  );
  app.post(
    `${base}/runs/:id/discard`,
    { config: configure, schema: { tags, params: IdParams, response: { 200: Run } } },
    async (request) => runView(await discardRun(deps, staffActor(request), request.params.id)),
  );

  app.get(
    `${base}/contests`,
    { config: read, schema: { tags, response: { 200: ContestList } } },
    async () => ({
      items: await listContests(deps.db),
      nextCursor: null,
    }),
  );
  app.post(
    `${base}/contests`,
    { config: configure, schema: { tags, body: ContestBody, response: { 201: Contest } } },
    async (request, reply) =>
      reply.status(201).send(await createContest(deps, staffActor(request), request.body)),
  );
  app.get(
    `${base}/contests/:id`,
    { config: read, schema: { tags, params: IdParams, response: { 200: ContestStanding } } },
    async (request) => contestStanding(deps.db, request.params.id),
  );
  app.post(
    `${base}/contests/:id/freeze`,
    { config: configure, schema: { tags, params: IdParams, response: { 200: Run } } },
    async (request) => runView(await freezeContest(deps, staffActor(request), request.params.id)),
  );
  app.get(
    `${base}/leaderboards`,
    { config: read, schema: { tags, querystring: LeaderboardQuery, response: { 200: Leaderboard } } },
    async (request) => leaderboard(deps, request.query),
  );
  registerPrizeRoutes(app, deps);
}

/** Physical prizes to send (发放登记): handing one over is fulfilment work, as shipping an order is. */
function registerPrizeRoutes(app: App, deps: AppDeps): void {
  const tags = ["admin: dividends"];
  const base = "/api/admin/v1/dividends/prizes";
  app.get(
    base,
    {
      config: { permission: "distribution.read" },
      schema: { tags, querystring: PrizesQuery, response: { 200: PhysicalPrizeList } },
    },
    async (request) => {
      const { status, limit, cursor = 0 } = request.query;
      const items = await listPhysicalPrizes(deps.db, { status, limit, offset: cursor });
      return { items, nextCursor: items.length === limit ? cursor + limit : null };
    },
  );
  app.post(
    `${base}/sent`,
    {
      config: { permission: "orders.fulfil" },
      schema: { tags, body: PrizeSentBody, response: { 200: PhysicalPrize } },
    },
    async (request) => markPrizeSent(deps, staffActor(request), request.body),
  );
}

function registerShopRoutes(app: App, deps: AppDeps): void {
  const tags = ["shopper: distribution"];
  const auth = { auth: "user" } as const;
  const base = "/api/v1/distribution";

  app.get(
    `${base}/dividends`,
    { config: auth, schema: { tags, response: { 200: MyDividends } } },
    async (request) => getMyDividends(deps, currentUserId(request)),
  );
  app.get(
    `${base}/leaderboards`,
    { config: auth, schema: { tags, querystring: LeaderboardQuery, response: { 200: Leaderboard } } },
    async (request) => leaderboard(deps, request.query, currentUserId(request)),
  );
  app.get(
    `${base}/contests`,
    { config: auth, schema: { tags, response: { 200: ContestList } } },
    async () => {
      const now = deps.now().getTime();
      const all = await listContests(deps.db);
      return { items: all.filter((c) => c.endsAt.getTime() > now - 7 * 86_400_000), nextCursor: null };
    },
  );
  app.get(
    `${base}/contests/:id`,
    { config: auth, schema: { tags, params: IdParams, response: { 200: ContestStanding } } },
    async (request) => contestStanding(deps.db, request.params.id, currentUserId(request)),
  );
}
