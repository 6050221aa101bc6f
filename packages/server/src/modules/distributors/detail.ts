// One distributor as staff see it: who they are, their upline, their downline level by level, wallet,
// ledger entries and status history.
import { eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { users } from "../../db/schema/accounts.ts";
import { orderItems, orders } from "../../db/schema/commerce.ts";
import { commissions } from "../../db/schema/distribution.ts";
import type { AppDeps } from "../../deps.ts";
import { AppError } from "../../errors/app-error.ts";
import { maskPhone } from "../../lib/personal-data.ts";
import { findAncestors, findTeamMembers, findTeamSummary } from "../binding/repo.ts";
import { findReleasedPendingStatement } from "../commissions/released.ts";
import { findFrozenStatement } from "../commissions/views.ts";
import { ledgerAccount } from "../ledger/accounts.ts";
import { findStatement } from "../ledger/repo.ts";
import { getWallet } from "../withdrawals/service.ts";
import { findDistributor, findHistory } from "./repo.ts";

/** How many members of each level the page lists; the team table still counts them all. */
const MEMBERS_PER_LEVEL = 50;

/** Names with masked phones; the full number is one audited reveal away. */
async function namesOf(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ userId: users.id, nickname: users.nickname, phone: users.phone })
    .from(users)
    .where(inArray(users.id, ids));
  return rows.map((r) => ({ ...r, phone: maskPhone(r.phone) }));
}

/**
 * What each ledger line is about, read from its idempotency key: "comm:<item>:L1", "settle:<commission>" (a
 * release batch, "release:<first commission>", names no one order),
 * "cancel:<commission>", "claw:<commission>:<refund>" name an order and a level; "wd:<id>:…" a withdrawal.
 * Two queries for the whole statement.
 */
async function withSubjects<T extends { key: string }>(db: Db, entries: T[]) {
  const parts = entries.map((e) => e.key.split(":"));
  const itemIds = parts.filter((p) => p[0] === "comm").map((p) => Number(p[1]));
  const commissionIds = parts
    .filter((p) => p[0] === "settle" || p[0] === "cancel" || p[0] === "claw")
    .map((p) => Number(p[1]));
  const items = itemIds.length
    ? await db
        .select({ id: orderItems.id, orderId: orders.id, orderNo: orders.orderNo })
        .from(orderItems)
        .innerJoin(orders, eq(orders.id, orderItems.orderId))
        .where(inArray(orderItems.id, itemIds))
    : [];
  const lines = commissionIds.length
    ? await db
        .select({ id: commissions.id, level: commissions.level, orderId: orders.id, orderNo: orders.orderNo })
        .from(commissions)
        .innerJoin(orders, eq(orders.id, commissions.orderId))
        .where(inArray(commissions.id, commissionIds))
    : [];
  return entries.map((entry, i) => {
    const [kind, id, rest] = parts[i]!;
    const order =
      kind === "comm"
        ? items.find((x) => x.id === Number(id))
        : lines.find((x) => x.id === Number(id) && kind !== "wd" && kind !== "reward");
    const level = kind === "comm" ? Number(rest?.replace("L", "")) : (order as { level?: number })?.level;
    return {
      ...entry,
      orderId: order?.orderId ?? null,
      orderNo: order?.orderNo ?? null,
      level: order && Number.isInteger(level) ? (level as number) : null,
      withdrawalId: kind === "wd" ? Number(id) : null,
    };
  });
}

export async function distributorDetail(deps: Pick<AppDeps, "db" | "now">, userId: number) {
  const distributor = await findDistributor(deps.db, userId);
  if (!distributor) throw new AppError("NOT_DISTRIBUTOR", "Not a distributor", { userId });
  const accounts = [ledgerAccount.commissionAvailable(userId), ledgerAccount.withdrawalHold(userId)];
  // raw SQL reads timestamps as text; meta is the ledger's own detail, not shown
  const statements = [
    // the frozen account is shop-wide since 0049: the earner's lines are found through their commissions
    findFrozenStatement(deps.db, userId, 50).then((rows) =>
      rows.map((r) => ({ account: ledgerAccount.commissionFrozen, ...r, createdAt: new Date(r.createdAt) })),
    ),
    ...accounts.map((a) =>
      findStatement(deps.db, a, 50, null).then((rows) =>
        rows.map(({ meta: _m, ...r }) => ({ account: a, ...r, createdAt: new Date(r.createdAt) })),
      ),
    ),
    // releases not folded into the available account yet (0053) are its lines too
    findReleasedPendingStatement(deps.db, userId, 50).then((rows) =>
      rows.map((r) => ({ account: accounts[0]!, ...r, createdAt: new Date(r.createdAt) })),
    ),
  ];
  const entries = (await Promise.all(statements)).flat();
  const ledger = await withSubjects(deps.db, entries);
  const upline = await findAncestors(deps.db, userId, deps.now(), 3);
  const people = await namesOf(deps.db, [userId, ...upline]);
  const downline = await Promise.all(
    [1, 2, 3].map(async (level) => ({
      level,
      members: (await findTeamMembers(deps.db, userId, level, MEMBERS_PER_LEVEL)).map((m) => ({
        ...m,
        boundAt: new Date(m.boundAt),
      })),
    })),
  );
  return {
    distributor,
    profile: people.find((p) => p.userId === userId) ?? null,
    wallet: await getWallet(deps.db, userId),
    upline,
    uplineProfiles: upline.map((id) => ({
      userId: id,
      nickname: people.find((p) => p.userId === id)?.nickname ?? null,
    })),
    team: await findTeamSummary(deps.db, userId),
    downline: downline.filter((d) => d.members.length > 0),
    history: await findHistory(deps.db, userId),
    ledger,
  };
}
