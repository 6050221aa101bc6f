// Parcel tracking (物流轨迹): a track per shipped parcel, refreshed from the carrier while it travels (the
// sweep, or the shopper opening the order), and the merchant's "signed for starts auto-receive early".
// The carrier is asked outside any transaction; a slow or garbled answer keeps the route already shown.
import {
  type CarrierAnswer,
  decideSignedAutoReceive,
  type ParcelState,
  planTrackRefresh,
  resolveCarrier,
} from "@liebian/domain";
import { createSandboxCarrier, type ParcelCarrier } from "../../adapters/carriers/index.ts";
import type { Executor } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { lockOrder, updateOrderRow } from "../orders/repo.ts";
import { recordOrderEvent } from "../orders/timeline.ts";
import { getSettings } from "../settings/service.ts";
import {
  claimDueTracks,
  findOrderTracks,
  findRecipientPhones,
  insertTracks,
  type TrackRow,
  updateTrack,
} from "./repo.ts";

type ParcelDeps = Pick<AppDeps, "db" | "now" | "config" | "parcelCarrier">;

/** A claimed track is left alone this long by other processes: longer than one carrier question. */
const LEASE_MS = 120_000;
const GIVE_UP_AFTER_MS = 30 * 86_400_000;
/** Carrier questions in flight at once within one refresh. */
const PARALLEL = 4;

export function parcelCarrierOf(deps: ParcelDeps): ParcelCarrier {
  return (
    deps.parcelCarrier ?? createSandboxCarrier({ now: deps.now, stepMs: deps.config.parcelSandboxStepMs })
  );
}

/** Starts following newly shipped parcels (in the ship transaction): due at once, unless nobody can be asked. */
export async function startTracking(
  tx: Executor,
  parcels: { id: number; orderId: number; carrier: string; trackingNo: string; shippedAt: Date }[],
) {
  await insertTracks(
    tx,
    parcels.map((p) => {
      const carrier = resolveCarrier(p.carrier);
      return {
        shipmentId: p.id,
        orderId: p.orderId,
        carrierCode: carrier?.code ?? null,
        trackingNo: p.trackingNo,
        shippedAt: p.shippedAt,
        dueAt: carrier ? p.shippedAt : null,
        lastError: carrier ? null : "unsupported_carrier",
      };
    }),
  );
}

async function ask(
  carrier: ParcelCarrier,
  track: TrackRow,
  phone: string | undefined,
): Promise<CarrierAnswer> {
  if (!track.carrierCode) return { kind: "failed", reason: "unsupported_carrier" };
  try {
    return await carrier.query({
      carrierCode: track.carrierCode,
      trackingNo: track.trackingNo,
      phone,
      shippedAt: track.shippedAt,
    });
  } catch {
    return { kind: "failed", reason: "unavailable" };
  }
}

/** Asks the carrier about claimed tracks, a few at a time, and writes each answer as it comes. */
async function refreshClaimed(deps: ParcelDeps, claimed: TrackRow[]): Promise<number> {
  const carrier = parcelCarrierOf(deps);
  const phones = await findRecipientPhones(deps.db, [...new Set(claimed.map((t) => t.orderId))]);
  const signedOrders = new Set<number>();
  let next = 0;
  const worker = async () => {
    while (next < claimed.length) {
      const track = claimed[next++]!;
      const answer = await ask(carrier, track, phones.get(track.orderId));
      const now = deps.now();
      const plan = planTrackRefresh(
        {
          state: track.state as ParcelState,
          events: track.events.map((e) => ({ atMs: Date.parse(e.at), text: e.text })),
          failures: track.failures,
          shippedAtMs: track.shippedAt.getTime(),
        },
        answer,
        now.getTime(),
        { refreshMs: deps.config.parcelRefreshMs, giveUpAfterMs: GIVE_UP_AFTER_MS },
      );
      await updateTrack(deps.db, track.shipmentId, {
        state: plan.state,
        events: plan.events.map((e) => ({ at: new Date(e.atMs).toISOString(), text: e.text })),
        failures: plan.failures,
        lastError: plan.lastError,
        checkedAt: now,
        dueAt: plan.dueAtMs === null ? null : new Date(plan.dueAtMs),
        ...(plan.signedAtMs !== null ? { signedAt: new Date(plan.signedAtMs) } : {}),
      });
      if (plan.justSigned) signedOrders.add(track.orderId);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, claimed.length) }, worker));
  for (const orderId of signedOrders) await receiveEarlyIfSigned(deps, orderId);
  return claimed.length;
}

/** The sweep: at most `limit` due parcels per run, the longest-waiting first. */
export async function refreshDueParcels(deps: ParcelDeps, now: Date, limit = 50): Promise<number> {
  const claimed = await claimDueTracks(deps.db, now, new Date(now.getTime() + LEASE_MS), limit);
  return claimed.length === 0 ? 0 : refreshClaimed(deps, claimed);
}

/** When every parcel of a shipped order is signed for and the merchant wants it, auto-receive comes sooner. */
async function receiveEarlyIfSigned(deps: ParcelDeps, orderId: number) {
  await inTransaction(deps.db, async (tx) => {
    const order = await lockOrder(tx, { orderId });
    if (order?.status !== "shipped") return;
    const settings = await getSettings(tx, "service");
    const tracks = await findOrderTracks(tx, orderId);
    const decision = decideSignedAutoReceive({
      enabled: settings.autoReceiveOnSigned,
      daysAfterSigned: settings.autoReceiveDaysAfterSigned,
      parcels: tracks.map((t) => ({
        state: t.state as ParcelState,
        signedAtMs: t.signedAt?.getTime() ?? null,
      })),
      currentDueAtMs: order.autoReceiveDueAt?.getTime() ?? null,
    });
    if (decision.kind !== "advance") return;
    const at = deps.now();
    await updateOrderRow(tx, orderId, { autoReceiveDueAt: new Date(decision.dueAtMs), updatedAt: at });
    await recordOrderEvent(tx, orderId, "parcel_signed", {
      actor: { kind: "system", id: null },
      at,
      note: null,
    });
  });
}

export function trackView(track: TrackRow) {
  return {
    shipmentId: track.shipmentId,
    carrierCode: track.carrierCode,
    trackingNo: track.trackingNo,
    state: track.state,
    events: track.events,
    /** Why the last question got no route (the route shown is the last one known). */
    lastError: track.lastError,
    checkedAt: track.checkedAt,
    signedAt: track.signedAt,
  };
}

/** An order's parcels with their routes; those due are asked about first (the shopper is looking). */
export async function loadOrderTracks(deps: ParcelDeps, orderId: number, refresh: boolean) {
  if (refresh) {
    const now = deps.now();
    const claimed = await claimDueTracks(deps.db, now, new Date(now.getTime() + LEASE_MS), 10, orderId);
    if (claimed.length > 0) await refreshClaimed(deps, claimed);
  }
  return (await findOrderTracks(deps.db, orderId)).map(trackView);
}
