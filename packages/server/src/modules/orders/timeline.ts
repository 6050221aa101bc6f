// Moves an order through the domain's state table and writes the move to its timeline, in the caller's
// transaction. The UPDATE is conditional on the status decided from, so a concurrent move cannot be lost.
import { buildDueDates, type DueDates, decideOrderTransition, type OrderEvent } from "@liebian/domain";
import type { Executor } from "../../db/client.ts";
import { AppError } from "../../errors/app-error.ts";
import { getSettings } from "../settings/service.ts";
import { insertOrderEvent, type OrderRow, updateOrderIfStatus } from "./repo.ts";

export type OrderActor = { kind: "user" | "staff" | "system"; id: number | null };

export async function moveOrder(
  tx: Executor,
  order: OrderRow,
  event: OrderEvent,
  change: { actor: OrderActor; at: Date; values?: Partial<OrderRow>; note?: string | null },
): Promise<OrderRow> {
  const decision = decideOrderTransition(order.status, event);
  const refused = () =>
    new AppError("ORDER_STATE_INVALID", `An order that is ${order.status} cannot ${event}`, {
      status: order.status,
      event,
    });
  if (!decision.ok) throw refused();
  const row = await updateOrderIfStatus(tx, order.id, order.status, {
    ...change.values,
    status: decision.to,
    updatedAt: change.at,
  });
  if (!row) throw refused();
  await recordOrderEvent(tx, order.id, event, change, { from: order.status, to: decision.to });
  return row;
}

export async function recordOrderEvent(
  tx: Executor,
  orderId: number,
  kind: string,
  change: { actor: OrderActor; at: Date; note?: string | null },
  status: { from: string; to: string } | null = null,
): Promise<void> {
  await insertOrderEvent(tx, {
    orderId,
    kind,
    fromStatus: status?.from ?? null,
    toStatus: status?.to ?? null,
    actorKind: change.actor.kind,
    actorId: change.actor.id,
    note: change.note ?? null,
    at: change.at,
  });
}

/** The merchant's deadlines (payment timeout, auto-receive, after-sale window) as calculators. */
export async function loadDueDates(db: Executor): Promise<DueDates> {
  const s = await getSettings(db, "orders");
  return buildDueDates({
    paymentTimeoutMinutes: s.paymentTimeoutMinutes,
    autoConfirmDays: s.autoReceiveDays,
    afterSaleWindowDays: s.afterSaleDays,
  });
}
