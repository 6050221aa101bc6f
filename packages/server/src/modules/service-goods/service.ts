// Service goods (courses, trial classes): a paid service order is delivered by a redemption code (issued in
// the confirm-payment use case), staff redeem the code when the shopper comes (the order is then received and
// completes when the after-sale window passes, as goods do), and a ¥0 order of a service can be granted.
import { randomInt } from "node:crypto";
import { decideRedemption, fen, serviceDeliveredDueAt } from "@liebian/domain";
import type { Db, Tx } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { AppError } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { recordAudit } from "../audit/service.ts";
import { writePlacedOrder } from "../orders/place-order.ts";
import { findOrder, findSkuForSale, lockOrder } from "../orders/repo.ts";
import { moveOrderToPaid, receiveOrder, shipByRedemptionCode } from "../orders/service.ts";
import { loadOrderDetail } from "../orders/views.ts";
import {
  findGrant,
  findValidDaysOfOrder,
  insertGrantOnce,
  insertRedemptionCodeOnce,
  listRedemptionCodes,
  lockRedemptionCode,
  markRedeemed,
} from "./repo.ts";

export { findRedemptionCodeOfOrder as findRedemptionCode } from "./repo.ts";

// No 0/O/1/I: the code is read aloud at a front desk.
const ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/** "K7QM-3XWD-P9AF": 60 random bits, so a guessed code finds nothing. */
function newRedemptionCode(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join("")).join("-");
}

/**
 * Called by the confirm-payment use case once the order is paid: a service order gets its code and moves to
 * shipped (delivered, waiting for redemption). Any other order, or a second call, changes nothing.
 */
export async function deliverServiceOrder(tx: Tx, orderId: number, at: Date): Promise<void> {
  const order = await lockOrder(tx, { orderId });
  if (order?.delivery !== "redemption" || order.status !== "paid") return;
  await insertRedemptionCodeOnce(tx, { orderId, code: newRedemptionCode(), issuedAt: at });
  const due = serviceDeliveredDueAt(at.getTime(), await findValidDaysOfOrder(tx, orderId));
  await shipByRedemptionCode(tx, order, at, due === null ? null : new Date(due));
}

/** Staff redeem the code the shopper shows: once only, and only while the order waits for it. */
export async function redeemCode(deps: Pick<AppDeps, "db" | "now">, actor: StaffActor, code: string) {
  return inTransaction(deps.db, async (tx) => {
    const at = deps.now();
    const row = await lockRedemptionCode(tx, code.trim().toUpperCase());
    if (!row) throw new AppError("REDEMPTION_CODE_UNKNOWN", "No order has this redemption code");
    const order = (await lockOrder(tx, { orderId: row.orderId }))!;
    const decision = decideRedemption(row, order.status);
    if (!decision.ok)
      throw new AppError(decision.code, "This code cannot be redeemed now", {
        status: order.status,
        redeemedAt: row.redeemedAt,
      });
    await markRedeemed(tx, row.id, at, actor.staffId);
    await receiveOrder(tx, order, { kind: "staff", id: actor.staffId }, at);
    await recordAudit(tx, actor, {
      action: "order.redeem",
      entity: "order",
      entityId: order.id,
      before: { status: order.status },
      after: { status: "received", redemptionCodeId: row.id },
    });
    return loadOrderDetail(tx, order.id, "staff");
  });
}

/** The admin's redemption list: code, its order and whether (and when) it was redeemed. */
export async function listRedemptions(
  db: Db,
  q: { status?: "issued" | "redeemed" | undefined; cursor?: number | undefined; limit: number },
) {
  const rows = await listRedemptionCodes(db, { ...q, limit: q.limit + 1 });
  const items = [];
  for (const row of rows.slice(0, q.limit)) {
    const order = (await findOrder(db, { orderId: row.orderId }))!;
    items.push({
      id: row.id,
      code: row.code,
      status: row.status,
      issuedAt: row.issuedAt,
      redeemedAt: row.redeemedAt,
      orderId: order.id,
      orderNo: order.orderNo,
      orderStatus: order.status,
    });
  }
  return { items, nextCursor: rows.length > q.limit ? (items.at(-1)?.id ?? null) : null };
}

/**
 * Gives a user one unit of a service SKU as a ¥0 order (e.g. the free ¥199 class after two referrals), paid
 * by nothing and delivered by a code at once; `key` (e.g. `referral-class:u:42`) makes it once per reason.
 * Runs in the caller's transaction. No money moves: the order's whole price is a `reward` discount.
 */
export async function grantServiceOrder(
  tx: Tx,
  grant: { key: string; userId: number; skuId: number; reason: string; at: Date },
): Promise<{ orderId: number; granted: boolean }> {
  const earlier = await findGrant(tx, grant.key);
  if (earlier) return { orderId: earlier.orderId, granted: false };
  const sku = await findSkuForSale(tx, grant.skuId);
  if (sku?.kind !== "service")
    throw new AppError("ORDER_NOT_SERVICE", "Only a service can be granted", { skuId: grant.skuId });
  const reward = { kind: "reward", label: grant.reason, amountFen: fen(sku.priceFen) };
  const { order } = await writePlacedOrder(
    tx,
    grant.at,
    grant.userId,
    { items: [{ skuId: grant.skuId, quantity: 1 }], buyerRemark: grant.reason, fromCart: false },
    { kind: "reward", discounts: [reward] },
  );
  if (!(await insertGrantOnce(tx, { key: grant.key, orderId: order.id, userId: grant.userId, at: grant.at })))
    throw new AppError("ALREADY_EXISTS", "This grant was given by another request", { key: grant.key });
  await moveOrderToPaid(tx, order, { provider: "reward", transactionId: grant.key, paidAt: grant.at });
  await deliverServiceOrder(tx, order.id, grant.at);
  return { orderId: order.id, granted: true };
}
