// What a member's payment does to their group (called by the confirm-payment use case once the order is paid,
// in its transaction): the group forms when every place is paid, and the opener's bonus is posted then. And
// the rule that a group order waits for its group before it ships.
import { decideGroupFormed, planGroupLeaderBonus } from "@liebian/domain";
import type { Tx } from "../../db/client.ts";
import { AppError } from "../../errors/app-error.ts";
import { findDistributor } from "../distributors/repo.ts";
import { postLedgerTransactions } from "../ledger/service.ts";
import {
  findActivity,
  findGroup,
  findMemberByOrder,
  findMembers,
  type GroupRow,
  hasPaid,
  lockGroup,
  updateGroupRow,
} from "./repo.ts";
import { argsOf } from "./views.ts";

/**
 * A member paid: lock their group; when every place is now paid it forms (its orders may ship) and the opener's
 * bonus is planned and posted once (ledger key per group). A payment into a failed group is refunded by the
 * expiry sweep's refund step. Any order outside a group changes nothing.
 */
export async function recordGroupPayment(tx: Tx, orderId: number, at: Date): Promise<void> {
  const member = await findMemberByOrder(tx, orderId);
  if (!member) return;
  const group = (await lockGroup(tx, member.groupId))!;
  const paidMembers = (await findMembers(tx, [group.id])).filter(hasPaid).length;
  if (!decideGroupFormed({ status: group.status, size: group.size, paidMembers })) return;
  await formGroup(tx, group, 0, at);
}

/** open → formed (by payments, or by the sweep's virtual fill), then the opener's bonus. */
export async function formGroup(tx: Tx, group: GroupRow, virtualMembers: number, at: Date): Promise<void> {
  await updateGroupRow(tx, group.id, { status: "formed", formedAt: at, virtualMembers });
  const args = argsOf((await findActivity(tx, group.activityId))!);
  const leader = await findDistributor(tx, group.leaderUserId);
  const bonus = planGroupLeaderBonus({
    groupId: group.id,
    activityId: group.activityId,
    leaderUserId: group.leaderUserId,
    leaderIsActiveDistributor: leader?.status === "active",
    bonusFen: args.leaderBonusFen,
    virtualMembers,
    at,
  });
  if (bonus.kind === "pay") await postLedgerTransactions(tx, [bonus.posting]);
}

/** A group order ships only once its group formed (GROUP_NOT_FORMED otherwise); other orders are not affected. */
export async function assertOrderMayShip(tx: Tx, orderId: number): Promise<void> {
  const member = await findMemberByOrder(tx, orderId);
  if (!member) return;
  const group = (await findGroup(tx, member.groupId))!;
  if (group.status !== "formed")
    throw new AppError("GROUP_NOT_FORMED", "This order waits for its group to form", {
      groupId: group.id,
      status: group.status,
    });
}
