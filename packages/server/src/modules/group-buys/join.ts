// A shopper opens a group or joins one by its shared link: under the group's lock (and the shopper's), the
// domain decides whether they may, then an order at the group price is placed in the same transaction and
// holds their place until it is paid (or closes unpaid, which frees the place). Arriving by a distributor's
// link (`ref`) binds the shopper to the sharer first, like any referral, so the order's chain includes them.
import {
  computeGroupUnitPrice,
  decideJoinGroup,
  decideOpenGroup,
  fen,
  type GroupBuyArgs,
  type GroupRefusal,
} from "@liebian/domain";
import type { Tx } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import { type IdempotencyRequest, runIdempotent } from "../../http/idempotency.ts";
import { recordVisit } from "../binding/service.ts";
import { writePlacedOrder } from "../orders/place-order.ts";
import { findSkuForSale, lockBuyer } from "../orders/repo.ts";
import { loadOrderDetail } from "../orders/views.ts";
import {
  type ActivityRow,
  countShopperGroups,
  findActivity,
  findGroup,
  findMembers,
  holdsPlace,
  insertGroup,
  insertMember,
  lockGroup,
} from "./repo.ts";
import { argsOf, loadGroupViews } from "./views.ts";

type Deps = Pick<AppDeps, "db" | "now">;
export type GroupOrderInput = {
  skuId: number;
  addressId?: number | undefined;
  buyerRemark: string;
  ref?: string | undefined;
};

/** Places the member's order of one unit at the group price (less the leader discount for the opener). */
async function placeGroupOrder(
  tx: Tx,
  at: Date,
  userId: number,
  activity: ActivityRow,
  args: GroupBuyArgs,
  input: GroupOrderInput,
  group: { expiresAt: Date; asLeader: boolean },
) {
  const sku = await findSkuForSale(tx, input.skuId);
  const unit = computeGroupUnitPrice(args, String(input.skuId), group.asLeader);
  if (!sku || unit === null)
    throw new AppError("GROUP_SKU_NOT_IN_ACTIVITY", "This SKU is not in the group buy");
  const label = `${args.groupSize}人团`;
  return writePlacedOrder(
    tx,
    at,
    userId,
    {
      items: [{ skuId: input.skuId, quantity: 1 }],
      addressId: input.addressId,
      buyerRemark: input.buyerRemark,
      fromCart: false,
    },
    {
      kind: "group_buy",
      discounts: [{ kind: "group_buy", label, amountFen: fen(Math.max(0, sku.priceFen - unit)) }],
      facts: {
        id: String(activity.id),
        kind: "group_buy",
        label,
        startsAtMs: activity.startsAt.getTime(),
        endsAtMs: activity.endsAt.getTime(),
        args: { ...args, asLeader: group.asLeader },
      },
      closeBy: group.expiresAt,
    },
  );
}

/** Binds a signed-in shopper who came by a distributor's link; a refused or unknown code changes nothing. */
async function bindBySharedLink(deps: Deps, userId: number, ref: string | undefined, groupId: number | null) {
  if (!ref) return;
  try {
    await recordVisit(deps, userId, {
      ref,
      source: "link",
      scene: groupId === null ? "group_buy" : `group:${groupId}`,
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
  }
}

function refuseUnless(decision: { ok: true } | { ok: false; code: GroupRefusal }) {
  if (!decision.ok)
    throw new AppError(decision.code, "This group cannot be joined", { reason: decision.code });
}

export async function openGroup(
  deps: Deps,
  userId: number,
  activityId: number,
  input: GroupOrderInput,
  idempotency: IdempotencyRequest | null,
) {
  await bindBySharedLink(deps, userId, input.ref, null);
  return inTransaction(deps.db, async (tx) => {
    const placed = await runIdempotent(tx, idempotency, async () => {
      const now = deps.now();
      const activity = await findActivity(tx, activityId);
      if (!activity) throw notFound("Group buy", { id: activityId });
      const args = argsOf(activity);
      await lockBuyer(tx, userId);
      refuseUnless(
        decideOpenGroup({
          args,
          window: { startsAtMs: activity.startsAt.getTime(), endsAtMs: activity.endsAt.getTime() },
          nowMs: now.getTime(),
          skuId: String(input.skuId),
          shopperGroups: await countShopperGroups(tx, userId, activityId),
        }),
      );
      const expiresAt = new Date(
        Math.min(now.getTime() + args.timeLimitMinutes * 60_000, activity.endsAt.getTime()),
      );
      const group = await insertGroup(tx, {
        activityId,
        leaderUserId: userId,
        size: args.groupSize,
        status: "open",
        expiresAt,
        createdAt: now,
      });
      const { order } = await placeGroupOrder(tx, now, userId, activity, args, input, {
        expiresAt,
        asLeader: true,
      });
      await insertMember(tx, { groupId: group.id, userId, orderId: order.id, role: "leader", joinedAt: now });
      return { status: 201, body: { groupId: group.id, orderId: order.id } };
    });
    return { replayed: placed.replayed, ...(await groupAndOrder(tx, placed.body)) };
  });
}

export async function joinGroup(
  deps: Deps,
  userId: number,
  groupId: number,
  input: GroupOrderInput,
  idempotency: IdempotencyRequest | null,
) {
  await bindBySharedLink(deps, userId, input.ref, groupId);
  return inTransaction(deps.db, async (tx) => {
    const placed = await runIdempotent(tx, idempotency, async () => {
      const now = deps.now();
      // the group's lock first: two last joins at once take the last place one after the other
      const group = await lockGroup(tx, groupId);
      if (!group) throw notFound("Group", { id: groupId });
      const activity = (await findActivity(tx, group.activityId))!;
      const args = argsOf(activity);
      await lockBuyer(tx, userId);
      const members = (await findMembers(tx, [groupId])).filter(holdsPlace);
      refuseUnless(
        decideJoinGroup({
          args,
          group: {
            status: group.status,
            size: group.size,
            expiresAtMs: group.expiresAt.getTime(),
            memberUserIds: members.map((m) => String(m.userId)),
          },
          nowMs: now.getTime(),
          joinerUserId: String(userId),
          skuId: String(input.skuId),
          shopperGroups: await countShopperGroups(tx, userId, group.activityId),
        }),
      );
      const { order } = await placeGroupOrder(tx, now, userId, activity, args, input, {
        expiresAt: group.expiresAt,
        asLeader: false,
      });
      await insertMember(tx, { groupId, userId, orderId: order.id, role: "member", joinedAt: now });
      return { status: 201, body: { groupId, orderId: order.id } };
    });
    return { replayed: placed.replayed, ...(await groupAndOrder(tx, placed.body)) };
  });
}

async function groupAndOrder(tx: Tx, ids: { groupId: number; orderId: number }) {
  const group = (await findGroup(tx, ids.groupId))!;
  const [view] = await loadGroupViews(tx, [group], "shopper");
  return { group: view!, order: await loadOrderDetail(tx, ids.orderId, "shopper") };
}
