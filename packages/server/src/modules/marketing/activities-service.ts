// Activity management: staff create, edit and stop activities of any promotion kind in the domain's list (the
// kind's args schema validates them), with activity stock per SKU and no two price activities on one SKU at
// once; the admin list shows each with its results. The shop reads the running ones for prices and countdowns.
import { findPromotionKind, PROMOTION_KINDS } from "@liebian/domain";
import type { Db, Executor } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { recordAudit } from "../audit/service.ts";
import {
  type ActivityRow,
  findActivityDiscountResults,
  findActivityResults,
  findActivitySkus,
  findOverlappingActivities,
  insertActivity,
  listActivities,
  lockActivity,
  replaceActivitySkus,
  updateActivity,
} from "./activities-repo.ts";
import type { ActivityInput } from "./activities-schemas.ts";
import { forgetRunningActivities } from "./running-activities.ts";

type Deps = { db: Db; now: () => Date };

/** The kind's args, parsed; a kind that is not an activity or args it refuses are bad input. */
function parseActivity(input: ActivityInput) {
  const kind = findPromotionKind(input.kind);
  if (!kind || kind.stage === "coupon") {
    throw new AppError("PROMOTION_KIND_UNKNOWN", "No activity of this kind", { kind: input.kind });
  }
  const parsed = kind.args.safeParse(input.args);
  if (!parsed.success) {
    throw new AppError("VALIDATION_FAILED", "Invalid activity settings", {
      issues: parsed.error.issues.map((i) => ({ path: ["args", ...i.path.map(String)], message: i.message })),
    });
  }
  if (input.endsAt <= input.startsAt) {
    throw new AppError("VALIDATION_FAILED", "The activity must end after it starts", {
      issues: [{ path: ["endsAt"], message: "must be after startsAt" }],
    });
  }
  const items = ((parsed.data as { items?: { skuId: string; stock?: number | null }[] }).items ?? []).map(
    (i) => ({
      skuId: Number(i.skuId),
      stock: i.stock ?? null,
    }),
  );
  if (items.some((i) => !Number.isSafeInteger(i.skuId) || i.skuId <= 0)) {
    throw new AppError("VALIDATION_FAILED", "A SKU id is not one", {
      issues: [{ path: ["args", "items"], message: "skuId" }],
    });
  }
  return { kind, args: parsed.data, items };
}

/** A SKU sells in at most one price activity at a time (stacking rule 2 is then never a tie-break in practice). */
async function assertNoOverlap(
  tx: Executor,
  exceptId: number | null,
  input: ActivityInput,
  skuIds: number[],
) {
  const stage = findPromotionKind(input.kind)!.stage;
  if (stage !== "price") return;
  const priceKinds = PROMOTION_KINDS.filter((k) => k.stage === "price").map((k) => k.kind);
  const clash = await findOverlappingActivities(tx, {
    exceptId,
    kinds: priceKinds,
    skuIds,
    from: input.startsAt,
    to: input.endsAt,
  });
  if (clash.length > 0) {
    throw new AppError("ACTIVITY_OVERLAP", "A SKU is already in another activity at that time", {
      activityId: clash[0]!.id,
      skuId: clash[0]!.skuId,
    });
  }
}

export async function createActivity(deps: Deps, actor: StaffActor, input: ActivityInput) {
  const { args, items } = parseActivity(input);
  const row = await inTransaction(deps.db, async (tx) => {
    await assertNoOverlap(
      tx,
      null,
      input,
      items.map((i) => i.skuId),
    );
    const row = await insertActivity(tx, { ...input, args, updatedAt: deps.now() });
    await replaceActivitySkus(tx, row.id, items);
    await recordAudit(tx, actor, {
      action: "activity.create",
      entity: "activity",
      entityId: row.id,
      after: row,
    });
    return row;
  });
  forgetRunningActivities(deps.db);
  return activityView(deps.db, row, deps.now());
}

export async function editActivity(deps: Deps, actor: StaffActor, id: number, input: ActivityInput) {
  const { args, items } = parseActivity(input);
  const row = await inTransaction(deps.db, async (tx) => {
    const before = await lockActivity(tx, id);
    if (!before) throw notFound("Activity", { id });
    if (before.kind !== input.kind)
      throw new AppError("VALIDATION_FAILED", "An activity keeps its kind", {
        issues: [{ path: ["kind"], message: "cannot change" }],
      });
    await assertNoOverlap(
      tx,
      id,
      input,
      items.map((i) => i.skuId),
    );
    const row = await updateActivity(tx, id, { ...input, args, updatedAt: deps.now() });
    await replaceActivitySkus(tx, id, items);
    await recordAudit(tx, actor, {
      action: "activity.update",
      entity: "activity",
      entityId: id,
      before,
      after: row,
    });
    return row;
  });
  forgetRunningActivities(deps.db);
  return activityView(deps.db, row, deps.now());
}

/** Ends an activity now: checkout stops applying it (in other processes within seconds). */
export async function stopActivity(deps: Deps, actor: StaffActor, id: number) {
  const row = await inTransaction(deps.db, async (tx) => {
    const before = await lockActivity(tx, id);
    if (!before) throw notFound("Activity", { id });
    const row = await updateActivity(tx, id, { status: "stopped", updatedAt: deps.now() });
    await recordAudit(tx, actor, {
      action: "activity.stop",
      entity: "activity",
      entityId: id,
      before,
      after: row,
    });
    return row;
  });
  forgetRunningActivities(deps.db);
  return activityView(deps.db, row, deps.now());
}

export async function getActivities(deps: Deps, kind: string | undefined) {
  const kinds = kind ? [kind] : PROMOTION_KINDS.filter((k) => k.stage !== "coupon").map((k) => k.kind);
  const rows = await listActivities(deps.db, kinds);
  return activityViews(deps.db, rows, deps.now());
}

function stateOf(row: ActivityRow, now: Date) {
  if (row.status === "stopped") return "stopped" as const;
  if (now < row.startsAt) return "upcoming" as const;
  return now < row.endsAt ? ("running" as const) : ("ended" as const);
}

async function activityView(db: Executor, row: ActivityRow, now: Date) {
  return (await activityViews(db, [row], now))[0]!;
}

async function activityViews(db: Executor, rows: ActivityRow[], now: Date) {
  const ids = rows.map((r) => r.id);
  const [skus, lineResults, discountResults] = await Promise.all([
    findActivitySkus(db, ids),
    findActivityResults(db, ids),
    findActivityDiscountResults(db, ids),
  ]);
  return rows.map((row) => {
    const lines = lineResults.find((r) => r.activityId === row.id);
    const discounts = discountResults.find((r) => r.activityId === row.id);
    return {
      ...row,
      state: stateOf(row, now),
      skus: skus
        .filter((s) => s.activityId === row.id)
        .map((s) => ({
          skuId: s.skuId,
          stock: s.stock,
          sold: s.sold,
          productId: s.productId,
          productTitle: s.productTitle,
          specValues: s.specValues,
          listPriceFen: s.priceFen,
        })),
      results: {
        orders: Number(lines?.orders ?? discounts?.orders ?? 0),
        units: Number(lines?.units ?? 0),
        paidFen: Number(lines?.paidFen ?? 0),
        discountFen: Number(discounts?.discountFen ?? 0),
      },
    };
  });
}
