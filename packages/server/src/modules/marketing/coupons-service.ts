// Coupons (优惠券): staff define templates and issue them, shoppers claim them in the coupon centre, rewards
// give them once per cause. Handing out is race-safe — the template row's guarded count never passes its
// quantity and the per-person count is taken under that row's lock — and an order uses a coupon at most once.
import { findPromotionKind } from "@liebian/domain";
import type { Db, Executor, Tx } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { recordAudit } from "../audit/service.ts";
import {
  type CouponTemplateRow,
  countMyCoupons,
  countUsedCoupons,
  countUserCoupons,
  findCouponTemplate,
  findRewardCoupon,
  insertCouponTemplate,
  insertUserCoupon,
  listCouponTemplates,
  listUserCoupons,
  takeCouponFromTemplate,
  updateCouponTemplate,
} from "./coupons-repo.ts";
import type { CouponTemplateInput } from "./coupons-schemas.ts";

type Deps = { db: Db; now: () => Date };
const DAY = 86_400_000;

function parseTemplate(input: CouponTemplateInput) {
  const kind = findPromotionKind(input.kind)!;
  const parsed = kind.args.safeParse(input.args);
  const fixed = input.validFrom !== null && input.validTo !== null && input.validTo > input.validFrom;
  if (!parsed.success || (input.validDays === null) === !fixed) {
    const issues = parsed.success
      ? [{ path: ["validDays"], message: "give either validFrom + validTo or validDays" }]
      : parsed.error.issues.map((i) => ({ path: ["args", ...i.path.map(String)], message: i.message }));
    throw new AppError("VALIDATION_FAILED", "Invalid coupon template", { issues });
  }
  return {
    ...input,
    args: parsed.data,
    ...(fixed ? { validDays: null } : { validFrom: null, validTo: null }),
  };
}

/** How a coupon reads: "满100减20", "9折 最多减5", "包邮". */
export function couponSummary(kind: string, args: unknown): string {
  const a = args as { minSpendFen?: number; offFen?: number; payBps?: number; maxOffFen?: number | null };
  const min = a.minSpendFen ? `满${a.minSpendFen / 100}` : "";
  if (kind === "coupon_amount_off") return `${min}减${(a.offFen ?? 0) / 100}`;
  if (kind === "coupon_percent_off")
    return `${min}${(a.payBps ?? 0) / 1000}折${a.maxOffFen ? ` 最多减${a.maxOffFen / 100}` : ""}`;
  return `${min}包邮`;
}

async function templateViews(db: Executor, rows: CouponTemplateRow[]) {
  const used = new Map(
    (
      await countUsedCoupons(
        db,
        rows.map((r) => r.id),
      )
    ).map((u) => [u.templateId, u.n]),
  );
  return rows.map((r) => ({ ...r, usedCount: used.get(r.id) ?? 0, summary: couponSummary(r.kind, r.args) }));
}

export async function createCouponTemplate(deps: Deps, actor: StaffActor, input: CouponTemplateInput) {
  const values = parseTemplate(input);
  const row = await inTransaction(deps.db, async (tx) => {
    const row = await insertCouponTemplate(tx, { ...values, updatedAt: deps.now() });
    await recordAudit(tx, actor, {
      action: "coupon.create",
      entity: "coupon_template",
      entityId: row.id,
      after: row,
    });
    return row;
  });
  return (await templateViews(deps.db, [row]))[0]!;
}

export async function stopCouponTemplate(deps: Deps, actor: StaffActor, id: number) {
  const row = await inTransaction(deps.db, async (tx) => {
    const row = await updateCouponTemplate(tx, id, { status: "stopped", updatedAt: deps.now() });
    if (!row) throw notFound("Coupon template", { id });
    await recordAudit(tx, actor, {
      action: "coupon.stop",
      entity: "coupon_template",
      entityId: id,
      after: row,
    });
    return row;
  });
  return (await templateViews(deps.db, [row]))[0]!;
}

export async function getCouponTemplates(db: Db) {
  return templateViews(db, await listCouponTemplates(db, { claimableOnly: false }));
}

type HandOut = {
  templateId: number;
  userId: number;
  source: "claim" | "issue" | "reward";
  sourceRef: string | null;
};

/**
 * Hands one coupon of a template to a shopper inside the caller's transaction. Refuses with COUPON_SOLD_OUT,
 * COUPON_LIMIT_REACHED, COUPON_EXPIRED or COUPON_NOT_CLAIMABLE; a reward already given (same ref) is no error
 * and returns null.
 */
export async function handOutCoupon(tx: Tx, now: Date, h: HandOut) {
  const template = await takeCouponFromTemplate(tx, h.templateId, { claimable: h.source === "claim" });
  if (!template) {
    const t = await findCouponTemplate(tx, h.templateId);
    if (!t) throw notFound("Coupon template", { id: h.templateId });
    if (t.status !== "active" || (h.source === "claim" && !t.claimable))
      throw new AppError("COUPON_NOT_CLAIMABLE", "This coupon cannot be claimed", { templateId: t.id });
    throw new AppError("COUPON_SOLD_OUT", "No coupons of this kind are left", { templateId: t.id });
  }
  if (template.validTo !== null && template.validTo <= now)
    throw new AppError("COUPON_EXPIRED", "This coupon's validity has ended", { templateId: template.id });
  if ((await countUserCoupons(tx, h.userId, template.id)) >= template.perPersonLimit)
    throw new AppError("COUPON_LIMIT_REACHED", "You already hold as many of this coupon as allowed", {
      templateId: template.id,
      limit: template.perPersonLimit,
    });
  const validFrom = template.validFrom ?? now;
  const validTo = template.validTo ?? new Date(now.getTime() + template.validDays! * DAY);
  return insertUserCoupon(tx, { ...h, validFrom, validTo, createdAt: now });
}

export async function claimCoupon(deps: Deps, userId: number, templateId: number) {
  return inTransaction(deps.db, async (tx) => {
    const coupon = await handOutCoupon(tx, deps.now(), {
      templateId,
      userId,
      source: "claim",
      sourceRef: null,
    });
    return { couponId: coupon!.id, validTo: coupon!.validTo };
  });
}

/** Staff issue a coupon to each named shopper; each one refused (sold out, over the limit, no such shopper) is reported. */
export async function issueCoupons(deps: Deps, actor: StaffActor, templateId: number, userIds: number[]) {
  if (!(await findCouponTemplate(deps.db, templateId))) throw notFound("Coupon template", { id: templateId });
  let issued = 0;
  const refused: { userId: number; code: string }[] = [];
  for (const userId of [...new Set(userIds)]) {
    try {
      await inTransaction(deps.db, (tx) =>
        handOutCoupon(tx, deps.now(), { templateId, userId, source: "issue", sourceRef: null }),
      );
      issued++;
    } catch (error) {
      if (error instanceof AppError) refused.push({ userId, code: error.code });
      else if ((error as { code?: string }).code === "23503") refused.push({ userId, code: "NOT_FOUND" });
      else throw error;
    }
  }
  await inTransaction(deps.db, (tx) =>
    recordAudit(tx, actor, {
      action: "coupon.issue",
      entity: "coupon_template",
      entityId: templateId,
      after: { issued, refused },
    }),
  );
  return { issued, refused };
}

/**
 * Gives a reward coupon (an invite gift, a contest prize) once per `sourceRef`, inside the caller's
 * transaction: a second call with the same ref changes nothing and returns null. Refusals (sold out, over
 * the limit) throw as in claiming; the caller decides whether its event still stands without the coupon.
 */
export async function grantCouponReward(
  tx: Tx,
  now: Date,
  r: { templateId: number; userId: number; sourceRef: string },
): Promise<number | null> {
  if (await findRewardCoupon(tx, r.templateId, r.sourceRef)) return null;
  const coupon = await handOutCoupon(tx, now, { ...r, source: "reward" });
  return coupon?.id ?? null;
}

export async function getCouponCentre(deps: Deps, userId: number | null) {
  const now = deps.now();
  const rows = (await listCouponTemplates(deps.db, { claimableOnly: true })).filter(
    (r) => r.validTo === null || r.validTo > now,
  );
  const mine =
    userId === null
      ? new Map()
      : new Map(
          (
            await countMyCoupons(
              deps.db,
              userId,
              rows.map((r) => r.id),
            )
          ).map((m) => [m.templateId, m.n]),
        );
  return rows.map((r) => ({
    ...r,
    summary: couponSummary(r.kind, r.args),
    left: r.totalQuantity - r.issuedCount,
    mine: mine.get(r.id) ?? 0,
  }));
}

export async function getMyCoupons(deps: Deps, userId: number, status: "available" | "used" | "expired") {
  const rows = await listUserCoupons(deps.db, userId, status, deps.now());
  return rows.map(({ coupon, template }) => ({
    id: coupon.id,
    templateId: template.id,
    name: template.name,
    kind: template.kind,
    summary: couponSummary(template.kind, template.args),
    validFrom: coupon.validFrom,
    validTo: coupon.validTo,
    status,
    usedOrderId: coupon.usedOrderId,
  }));
}
