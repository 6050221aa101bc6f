// How group buys read: an activity with its product and group prices, a group's progress with its members
// (nicknames only: a shared link is public), and the admin's results.
import { type GroupBuyArgs, groupBuyArgs } from "@liebian/domain";
import type { Executor } from "../../db/client.ts";
import {
  type ActivityRow,
  findMembers,
  findProductWithSkus,
  type GroupRow,
  hasPaid,
  holdsPlace,
  type MemberWithOrder,
} from "./repo.ts";

export function argsOf(row: ActivityRow): GroupBuyArgs {
  return groupBuyArgs.parse(row.args);
}

export async function activityView(db: Executor, row: ActivityRow) {
  const args = argsOf(row);
  const product = await findProductWithSkus(db, row.productId);
  return {
    id: row.id,
    title: row.title,
    productId: row.productId,
    productTitle: product?.title ?? "",
    /** `service`: a course, delivered by a redemption code (no address needed to join). */
    productKind: product?.kind ?? "physical",
    imageUrl: product?.images[0] ?? null,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    groupSize: args.groupSize,
    timeLimitMinutes: args.timeLimitMinutes,
    leaderDiscountFen: args.leaderDiscountFen,
    leaderBonusFen: args.leaderBonusFen,
    perPersonLimit: args.perPersonLimit,
    virtualFillMaxMissing: args.virtualFillMaxMissing,
    items: args.items.map((i) => {
      const sku = product?.skus.find((s) => String(s.id) === i.skuId);
      return {
        skuId: Number(i.skuId),
        specValues: sku?.specValues ?? [],
        priceFen: sku?.priceFen ?? 0,
        groupPriceFen: i.groupPriceFen,
        stock: sku?.stock ?? 0,
      };
    }),
  };
}

function memberView(m: MemberWithOrder, audience: "shopper" | "staff") {
  return {
    role: m.role,
    nickname: m.nickname,
    avatarUrl: m.avatarUrl,
    paid: hasPaid(m),
    joinedAt: m.joinedAt,
    ...(audience === "staff" ? { userId: m.userId, orderId: m.orderId, orderStatus: m.orderStatus } : {}),
  };
}

export function groupView(group: GroupRow, members: MemberWithOrder[], audience: "shopper" | "staff") {
  const holding = members.filter(holdsPlace);
  return {
    id: group.id,
    activityId: group.activityId,
    status: group.status,
    size: group.size,
    expiresAt: group.expiresAt,
    formedAt: group.formedAt,
    failedAt: group.failedAt,
    virtualMembers: group.virtualMembers,
    paidMembers: holding.filter(hasPaid).length,
    placesLeft: group.status === "open" ? Math.max(0, group.size - holding.length) : 0,
    members: (audience === "staff" ? members : holding).map((m) => memberView(m, audience)),
  };
}

export async function loadGroupViews(db: Executor, groups: GroupRow[], audience: "shopper" | "staff") {
  const members = await findMembers(
    db,
    groups.map((g) => g.id),
  );
  return groups.map((g) =>
    groupView(
      g,
      members.filter((m) => m.groupId === g.id),
      audience,
    ),
  );
}
