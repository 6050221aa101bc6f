// Staff set up group-buy activities (product, group price per SKU, size, time limit, leader discount and
// bonus, per-person limit, virtual fill) and read each one's results; shoppers read the running ones.
import { groupBuyArgs } from "@liebian/domain";
import type { Db } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { recordAudit } from "../audit/service.ts";
import {
  countGroupsByStatus,
  findActivity,
  findProductWithSkus,
  insertActivity,
  listActivities,
  listGroupsOfActivity,
  listRunningActivities,
  updateActivityRow,
} from "./repo.ts";
import { activityView, loadGroupViews } from "./views.ts";

export type ActivityInput = {
  title: string;
  productId: number;
  startsAt: Date;
  endsAt: Date;
  items: { skuId: number; groupPriceFen: number }[];
  groupSize: number;
  timeLimitMinutes: number;
  leaderDiscountFen: number;
  leaderBonusFen: number;
  perPersonLimit: number | null;
  virtualFillMaxMissing: number;
};

/** The input as the domain's args, refusing SKUs of another product and group prices not below the list price. */
async function checkedArgs(db: Db, input: ActivityInput) {
  const product = await findProductWithSkus(db, input.productId);
  if (!product) throw notFound("Product", { id: input.productId });
  for (const item of input.items) {
    const sku = product.skus.find((s) => s.id === item.skuId);
    if (!sku)
      throw new AppError("GROUP_SKU_NOT_IN_ACTIVITY", "A SKU is not of this product", { skuId: item.skuId });
    if (item.groupPriceFen >= sku.priceFen)
      throw new AppError("GROUP_PRICE_INVALID", "The group price must be below the list price", {
        skuId: item.skuId,
        priceFen: sku.priceFen,
      });
  }
  if (input.startsAt >= input.endsAt)
    throw new AppError("GROUP_PRICE_INVALID", "The activity must end after it starts");
  return groupBuyArgs.parse({ ...input, items: input.items.map((i) => ({ ...i, skuId: String(i.skuId) })) });
}

export async function createGroupBuy(
  deps: Pick<AppDeps, "db" | "now">,
  actor: StaffActor,
  input: ActivityInput,
) {
  const args = await checkedArgs(deps.db, input);
  return inTransaction(deps.db, async (tx) => {
    const now = deps.now();
    const row = await insertActivity(tx, {
      title: input.title,
      productId: input.productId,
      args,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, actor, {
      action: "group_buy.create",
      entity: "group_buy",
      entityId: row.id,
      after: row,
    });
    return activityView(tx, row);
  });
}

/** Changes apply to groups opened from now on; an opened group keeps its size and deadline. */
export async function updateGroupBuy(
  deps: Pick<AppDeps, "db" | "now">,
  actor: StaffActor,
  id: number,
  input: ActivityInput,
) {
  const args = await checkedArgs(deps.db, input);
  return inTransaction(deps.db, async (tx) => {
    const before = await findActivity(tx, id);
    if (!before) throw notFound("Group buy", { id });
    const row = (await updateActivityRow(tx, id, {
      title: input.title,
      productId: input.productId,
      args,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      updatedAt: deps.now(),
    }))!;
    await recordAudit(tx, actor, {
      action: "group_buy.update",
      entity: "group_buy",
      entityId: id,
      before,
      after: row,
    });
    return activityView(tx, row);
  });
}

export async function listGroupBuys(db: Db, q: { cursor?: number | undefined; limit: number }) {
  const rows = await listActivities(db, { ...q, limit: q.limit + 1 });
  const items = [];
  for (const row of rows.slice(0, q.limit)) {
    const counts = await countGroupsByStatus(db, row.id);
    const count = (s: string) => counts.find((c) => c.status === s)?.n ?? 0;
    items.push({
      ...(await activityView(db, row)),
      groups: { open: count("open"), formed: count("formed"), failed: count("failed") },
    });
  }
  return { items, nextCursor: rows.length > q.limit ? (items.at(-1)?.id ?? null) : null };
}

export async function getGroupBuy(db: Db, id: number) {
  const row = await findActivity(db, id);
  if (!row) throw notFound("Group buy", { id });
  return activityView(db, row);
}

/** The results page: the activity's groups with their members and orders, newest first. */
export async function listActivityGroups(
  db: Db,
  q: {
    activityId: number;
    status?: "open" | "formed" | "failed" | undefined;
    cursor?: number | undefined;
    limit: number;
  },
) {
  if (!(await findActivity(db, q.activityId))) throw notFound("Group buy", { id: q.activityId });
  const rows = await listGroupsOfActivity(db, { ...q, limit: q.limit + 1 });
  const items = await loadGroupViews(db, rows.slice(0, q.limit), "staff");
  return { items, nextCursor: rows.length > q.limit ? (items.at(-1)?.id ?? null) : null };
}

/** The shop's running group buys, optionally of one product. */
export async function listRunningGroupBuys(deps: Pick<AppDeps, "db" | "now">, productId?: number) {
  const rows = await listRunningActivities(deps.db, deps.now(), productId);
  return Promise.all(rows.map((row) => activityView(deps.db, row)));
}
