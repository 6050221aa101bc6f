// The distribution admin: settings, simulator, applications, distributors, bindings, grades,
// commissions (held queue) and the withdrawal review queue. Every write is audited by its service.
import {
  type CommissionActivityKind,
  commissionOverrideSchema,
  fen,
  simulateCommissions,
  validateCommissionOverride,
  validateCommissionPlan,
} from "@liebian/domain";
import type { AppDeps } from "../../deps.ts";
import { AppError } from "../../errors/app-error.ts";
import { staffActor } from "../../http/authenticate.ts";
import { moneyPermission } from "../../http/money-actions.ts";
import type { App } from "../../http/types.ts";
import { maskPhone } from "../../lib/personal-data.ts";
import { findNicknames } from "../accounts/repo.ts";
import { findBindingHistory } from "../binding/repo.ts";
import { reassignUpline } from "../binding/service.ts";
import { decideHeldCommission } from "../commissions/lifecycle.ts";
import { findCommissions } from "../commissions/repo.ts";
import { listApplications, listDistributors } from "../distributors/repo.ts";
import { appointDistributor, changeDistributorStatus, reviewApplication } from "../distributors/service.ts";
import { listGrades, removeGrade, saveGrade } from "../grades/service.ts";
import { listWithdrawals } from "../withdrawals/repo.ts";
import { approveWithdrawal, rejectWithdrawal, withdrawalView } from "../withdrawals/service.ts";
import { distributorDetail } from "./distributor-detail.ts";
import {
  AdminCommissionRecords,
  ApplicationRecords,
  CommissionQuery,
  GradeBody,
  HeldActionBody,
  IdParams,
  Ok,
  PageQuery,
  page,
  ReasonBody,
  ReassignBody,
  ReviewBody,
  Row,
  Rows,
  SimulateBody,
  StatusActionBody,
  WithdrawalQuery,
} from "./schemas.ts";
import { getDistributionSettings, updateDistributionSettings } from "./settings.ts";
import { DistributionSettings, DistributionSettingsPatch } from "./settings-schema.ts";

export function registerDistributionAdminRoutes(app: App, deps: AppDeps): void {
  const tags = ["admin: distribution"];
  const base = "/api/admin/v1/distribution";
  const read = { permission: "distribution.read" } as const;
  const manage = { permission: "distribution.manage" } as const;

  app.get(
    `${base}/settings`,
    { config: read, schema: { tags, response: { 200: DistributionSettings } } },
    async () => getDistributionSettings(deps.db),
  );
  app.put(
    `${base}/settings`,
    {
      config: { permission: "distribution.configure" },
      schema: { tags, body: DistributionSettingsPatch, response: { 200: Row } },
    },
    async (request) => {
      const grades = (await listGrades(deps.db))
        .filter((g) => g.ratesBps)
        .map((g) => ({ gradeId: g.name, ratesBps: g.ratesBps! }));
      const actor = { ...staffActor(request), role: request.staff!.role };
      return updateDistributionSettings(deps.db, actor, request.body, grades);
    },
  );
  app.post(
    `${base}/simulate`,
    { config: read, schema: { tags, body: SimulateBody, response: { 200: Row } } },
    async (request) => {
      const body = request.body;
      const checked = validateCommissionPlan(body.plan ?? (await getDistributionSettings(deps.db)).plan);
      if (checked.kind === "refuse")
        throw new AppError(
          checked.reason === "PLAN_INVALID" ? "VALIDATION_FAILED" : checked.reason,
          checked.issues[0]?.message ?? "invalid plan",
          { issues: checked.issues },
        );
      const items = body.items.map((i) => {
        const rule = i.rule === undefined ? undefined : commissionOverrideSchema.safeParse(i.rule);
        if (rule && !rule.success) throw new AppError("COMMISSION_RULE_INVALID", "Invalid product rule");
        const ruleCheck = rule?.success ? validateCommissionOverride(checked.plan, rule.data as never) : null;
        if (ruleCheck?.kind === "refuse")
          throw new AppError(
            ruleCheck.reason === "PLAN_INVALID" ? "VALIDATION_FAILED" : ruleCheck.reason,
            ruleCheck.issues[0]?.message ?? "invalid rule",
          );
        return {
          orderItemRef: i.ref,
          paidFen: fen(i.paidFen),
          listFen: fen(i.listFen ?? i.paidFen),
          quantity: i.quantity,
          ...(rule?.success ? { productRule: rule.data as never } : {}),
        };
      });
      return {
        ...simulateCommissions({
          plan: checked.plan,
          items,
          chain: body.chain,
          buyer: { userId: "buyer", isActiveDistributor: body.selfPurchaseBuyerIsDistributor },
          activityKind: body.activityKind as CommissionActivityKind | null,
        }),
      };
    },
  );

  app.get(
    `${base}/applications`,
    { config: read, schema: { tags, querystring: PageQuery, response: { 200: ApplicationRecords } } },
    async (request) => {
      const { limit, cursor } = request.query;
      const rows = await listApplications(deps.db, "pending", limit, cursor);
      const masked = rows.map((r) => ({
        ...r,
        phone: maskPhone(r.phone),
        accountPhone: maskPhone(r.accountPhone),
      }));
      return page(masked, limit, "id");
    },
  );
  app.post(
    `${base}/applications/:id/review`,
    { config: manage, schema: { tags, params: IdParams, body: ReviewBody, response: { 200: Row } } },
    async (request) => reviewApplication(deps, staffActor(request), request.params.id, request.body),
  );

  app.get(
    `${base}/distributors`,
    { config: read, schema: { tags, querystring: PageQuery, response: { 200: Rows } } },
    async (request) => {
      const { limit, cursor } = request.query;
      const rows = await listDistributors(deps.db, { limit, ...(cursor ? { cursor } : {}) });
      return page(
        rows.map((r) => ({ ...r, phone: maskPhone(r.phone) })),
        limit,
        "userId",
      );
    },
  );
  app.get(
    `${base}/distributors/:id`,
    { config: read, schema: { tags, params: IdParams, response: { 200: Row } } },
    async (request) => distributorDetail(deps, request.params.id),
  );
  app.post(
    `${base}/distributors/:id/status`,
    { config: manage, schema: { tags, params: IdParams, body: StatusActionBody, response: { 200: Row } } },
    async (request) =>
      changeDistributorStatus(
        deps,
        staffActor(request),
        request.params.id,
        request.body.action,
        request.body.reason,
      ),
  );
  app.post(
    `${base}/distributors/:id/appoint`,
    { config: manage, schema: { tags, params: IdParams, response: { 200: Row } } },
    async (request) => appointDistributor(deps, staffActor(request), request.params.id),
  );
  app.post(
    `${base}/users/:id/upline`,
    { config: manage, schema: { tags, params: IdParams, body: ReassignBody, response: { 200: Row } } },
    async (request) =>
      (await reassignUpline(deps, staffActor(request), request.params.id, request.body)) ?? {},
  );
  app.get(
    `${base}/bindings`,
    { config: read, schema: { tags, querystring: PageQuery, response: { 200: Rows } } },
    async (request) => {
      const { limit, cursor } = request.query;
      return page(await findBindingHistory(deps.db, { limit, ...(cursor ? { cursor } : {}) }), limit, "id");
    },
  );

  app.get(`${base}/grades`, { config: read, schema: { tags, response: { 200: Rows } } }, async () => ({
    items: await listGrades(deps.db),
    nextCursor: null,
  }));
  app.post(
    `${base}/grades`,
    {
      config: { permission: "distribution.configure" },
      schema: { tags, body: GradeBody, response: { 201: Row } },
    },
    async (request, reply) =>
      reply.status(201).send(await saveGrade(deps, staffActor(request), null, request.body)),
  );
  app.put(
    `${base}/grades/:id`,
    {
      config: { permission: "distribution.configure" },
      schema: { tags, params: IdParams, body: GradeBody, response: { 200: Row } },
    },
    async (request) => saveGrade(deps, staffActor(request), request.params.id, request.body),
  );
  app.delete(
    `${base}/grades/:id`,
    {
      config: { permission: "distribution.configure" },
      schema: { tags, params: IdParams, response: { 200: Ok } },
    },
    async (request) => {
      await removeGrade(deps, staffActor(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    `${base}/commissions`,
    {
      config: read,
      schema: { tags, querystring: CommissionQuery, response: { 200: AdminCommissionRecords } },
    },
    async (request) => {
      const { limit, cursor, status, userId, orderId, orderNo, earner } = request.query;
      const rows = await findCommissions(deps.db, {
        limit,
        ...(cursor ? { cursor } : {}),
        ...(status ? { status } : {}),
        ...(orderNo ? { orderNo } : {}),
        ...(earner ? { earner } : {}),
        ...(userId ? { earnerUserId: userId } : {}),
        ...(orderId ? { orderId } : {}),
      });
      return page(
        rows.map((r) => ({ ...r, earnerPhone: maskPhone(r.earnerPhone) })),
        limit,
        "id",
      );
    },
  );
  app.post(
    `${base}/commissions/:id/held`,
    {
      config: { permission: moneyPermission("commission.held") },
      schema: { tags, params: IdParams, body: HeldActionBody, response: { 200: Row } },
    },
    async (request) => decideHeldCommission(deps, staffActor(request), request.params.id, request.body),
  );

  const money = { permission: "withdrawals.read" } as const;
  app.get(
    `${base}/withdrawals`,
    { config: money, schema: { tags, querystring: WithdrawalQuery, response: { 200: Rows } } },
    async (request) => {
      const { limit, cursor, status } = request.query;
      const rows = await listWithdrawals(deps.db, {
        limit,
        ...(cursor ? { cursor } : {}),
        ...(status ? { status } : {}),
      });
      const names = await findNicknames(
        deps.db,
        rows.map((r) => r.userId),
      );
      const items = rows.map((r) => ({ ...withdrawalView(r), nickname: names.get(r.userId) ?? null }));
      return page(items, limit, "id");
    },
  );
  app.post(
    `${base}/withdrawals/:id/approve`,
    {
      config: { permission: moneyPermission("withdrawal.approve") },
      schema: { tags, params: IdParams, response: { 200: Row } },
    },
    async (request) => withdrawalView(await approveWithdrawal(deps, staffActor(request), request.params.id)),
  );
  app.post(
    `${base}/withdrawals/:id/reject`,
    {
      config: { permission: moneyPermission("withdrawal.reject") },
      schema: { tags, params: IdParams, body: ReasonBody, response: { 200: Row } },
    },
    async (request) =>
      withdrawalView(
        await rejectWithdrawal(deps, staffActor(request), request.params.id, request.body.reason),
      ),
  );
}
