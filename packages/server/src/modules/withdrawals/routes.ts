// Withdrawal routes: the distributor's wallet, the fee preview, asking for a withdrawal and its history;
// for finance the review queue, approval (which pays) and rejection.
import type { AppDeps } from "../../deps.ts";
import { currentUserId, staffActor } from "../../http/authenticate.ts";
import { IdParams } from "../../http/input-types.ts";
import { moneyPermission } from "../../http/money-actions.ts";
import { PageQuery, page } from "../../http/page.ts";
import type { App } from "../../http/types.ts";
import { listWithdrawals } from "./repo.ts";
import {
  PreviewQuery,
  PreviewResponse,
  ReasonBody,
  StaffWithdrawalRecords,
  WalletResponse,
  Withdrawal,
  WithdrawalQuery,
  WithdrawalRecords,
  WithdrawBody,
} from "./schemas.ts";
import {
  approveWithdrawal,
  previewWithdrawal,
  rejectWithdrawal,
  requestWithdrawal,
  withdrawalView,
} from "./service.ts";
import { getEarningsWallet, listWithdrawalsForStaff } from "./views.ts";

export function registerWithdrawalRoutes(app: App, deps: AppDeps): void {
  registerShopRoutes(app, deps);
  registerAdminRoutes(app, deps);
}

function registerShopRoutes(app: App, deps: AppDeps): void {
  const tags = ["shopper: distribution"];
  const auth = { auth: "user" } as const;
  const base = "/api/v1/distribution";

  app.get(
    `${base}/wallet`,
    { config: auth, schema: { tags, response: { 200: WalletResponse } } },
    async (request) => getEarningsWallet(deps, currentUserId(request)),
  );
  app.get(
    `${base}/withdrawals/preview`,
    { config: auth, schema: { tags, querystring: PreviewQuery, response: { 200: PreviewResponse } } },
    async (request) =>
      previewWithdrawal(deps, currentUserId(request), request.query.method, request.query.amountFen),
  );
  app.post(
    `${base}/withdrawals`,
    { config: auth, schema: { tags, body: WithdrawBody, response: { 201: Withdrawal } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(withdrawalView(await requestWithdrawal(deps, currentUserId(request), request.body))),
  );
  app.get(
    `${base}/withdrawals`,
    { config: auth, schema: { tags, querystring: PageQuery, response: { 200: WithdrawalRecords } } },
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

function registerAdminRoutes(app: App, deps: AppDeps): void {
  const tags = ["admin: distribution"];
  const base = "/api/admin/v1/distribution";

  app.get(
    `${base}/withdrawals`,
    {
      config: { permission: "withdrawals.read" },
      schema: { tags, querystring: WithdrawalQuery, response: { 200: StaffWithdrawalRecords } },
    },
    async (request) => {
      const { limit, cursor, status } = request.query;
      const filter = { limit, ...(cursor ? { cursor } : {}), ...(status ? { status } : {}) };
      return page(await listWithdrawalsForStaff(deps.db, filter), limit, "id");
    },
  );
  app.post(
    `${base}/withdrawals/:id/approve`,
    {
      config: { permission: moneyPermission("withdrawal.approve") },
      schema: { tags, params: IdParams, response: { 200: Withdrawal } },
    },
    async (request) => withdrawalView(await approveWithdrawal(deps, staffActor(request), request.params.id)),
  );
  app.post(
    `${base}/withdrawals/:id/reject`,
    {
      config: { permission: moneyPermission("withdrawal.reject") },
      schema: { tags, params: IdParams, body: ReasonBody, response: { 200: Withdrawal } },
    },
    async (request) =>
      withdrawalView(
        await rejectWithdrawal(deps, staffActor(request), request.params.id, request.body.reason),
      ),
  );
}
