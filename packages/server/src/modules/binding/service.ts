// Binding a shopper to a distributor (锁客): by link visit or inside the sign-up transaction, decided by
// the domain's policy under locks (graph lock, then both users' rows in id order) with the ancestors
// walked inside the transaction — never self, never a frozen distributor, never a cycle.
import { type Binding, type BindingDecision, decideBinding, extendBindingOnOrder } from "@liebian/domain";
import type { Db, Tx } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import { AppError } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { recordAudit } from "../audit/service.ts";
import { getDistributionSettings } from "../distribution/settings.ts";
import { findDistributor, findDistributorByCode, lockDistributor } from "../distributors/repo.ts";
import { recordLinkOpen } from "../tracking/service.ts";
import {
  type BindingRow,
  findAncestors,
  findBinding,
  insertBindingHistory,
  insertVisit,
  lockBindingGraph,
  lockUsersInOrder,
  updateBindingTimes,
  upsertBinding,
} from "./repo.ts";
import { moveInTeams } from "./team-stats.ts";

export type BindSource = "link" | "poster" | "product" | "signup" | "staff";
export type Provenance = { source: BindSource; productId?: number | null; scene?: string | null };

function asDomain(row: BindingRow | null): Binding | null {
  if (!row) return null;
  return {
    uplineUserId: String(row.uplineUserId),
    boundAtMs: row.boundAt.getTime(),
    expiresAtMs: row.expiresAt?.getTime() ?? null,
    protectedUntilMs: row.protectedUntil.getTime(),
  };
}

/** One bind attempt inside `tx`; writes the binding and its history when the policy says bind. */
export async function attemptBind(
  tx: Tx,
  input: { shopperId: number; candidateId: number; isNewShopper: boolean; provenance: Provenance; now: Date },
): Promise<BindingDecision> {
  const { shopperId, candidateId, now } = input;
  const settings = await getDistributionSettings(tx);
  await lockBindingGraph(tx);
  await lockUsersInOrder(tx, [shopperId, candidateId]);
  const candidate = await lockDistributor(tx, candidateId);
  const existing = await findBinding(tx, shopperId);
  const decision = decideBinding({
    policy: settings.binding,
    shopper: { userId: String(shopperId) },
    candidate: {
      userId: String(candidateId),
      isDistributor: candidate !== null && candidate.status !== "removed",
      isFrozen: candidate?.status === "frozen",
    },
    existingBinding: asDomain(existing),
    ancestorsOfCandidate: (await findAncestors(tx, candidateId, now)).map(String),
    nowMs: now.getTime(),
    isNewShopper: input.isNewShopper,
  });
  if (decision.kind === "bind") {
    const b = decision.binding;
    const { source, productId = null, scene = null } = input.provenance;
    await upsertBinding(tx, {
      userId: shopperId,
      uplineUserId: candidateId,
      source,
      productId,
      scene,
      boundAt: now,
      expiresAt: b.expiresAtMs === null ? null : new Date(b.expiresAtMs),
      protectedUntil: new Date(b.protectedUntilMs),
    });
    await moveInTeams(tx, shopperId, existing?.uplineUserId ?? null, candidateId);
    await insertBindingHistory(tx, {
      userId: shopperId,
      uplineUserId: candidateId,
      previousUplineUserId:
        decision.replacesUplineUserId === null ? null : Number(decision.replacesUplineUserId),
      source,
      productId,
      scene,
      at: now,
    });
  }
  return decision;
}

const REJECT_CODES = {
  SELF: "BINDING_SELF",
  CYCLE: "BINDING_CYCLE",
  DISTRIBUTOR_FROZEN: "DISTRIBUTOR_FROZEN",
  NOT_DISTRIBUTOR: "NOT_DISTRIBUTOR",
} as const;

/**
 * A shopper opened a distributor's link: the visit is recorded and the policy decides the binding.
 * Refusals (self, cycle, frozen) answer 4xx with their code and change nothing but the visit log.
 */
export async function recordVisit(
  deps: { db: Db; now: () => Date },
  visitorUserId: number | null,
  input: {
    ref: string;
    source: "link" | "poster" | "product" | "storefront" | "activity";
    productId?: number | undefined;
    scene?: string | undefined;
  },
) {
  const distributor = await findDistributorByCode(deps.db, input.ref);
  const opened = (distributorUserId: number | null, outcome: string) =>
    recordLinkOpen(deps, {
      ref: input.ref,
      distributorUserId,
      visitorUserId,
      productId: input.productId ?? null,
      source: input.source,
      outcome,
    });
  if (!distributor || distributor.status === "removed") {
    opened(null, "code_unknown");
    throw new AppError("REFERRAL_CODE_UNKNOWN", "No distributor has this code", { ref: input.ref });
  }
  const now = deps.now();
  const visit = {
    distributorUserId: distributor.userId,
    visitorUserId,
    source: input.source,
    productId: input.productId ?? null,
    scene: input.scene ?? null,
    at: now,
  };
  if (visitorUserId === null) {
    await insertVisit(deps.db, { ...visit, outcome: "anonymous" });
    opened(
      distributor.status === "active" ? distributor.userId : null,
      distributor.status === "active" ? "anonymous" : "code_frozen",
    );
    return { outcome: "anonymous" as const, bound: false };
  }
  const decision = await inTransaction(deps.db, async (tx) => {
    const d = await attemptBind(tx, {
      shopperId: visitorUserId,
      candidateId: distributor.userId,
      isNewShopper: false,
      provenance: {
        // a storefront or activity link binds as a link does; the visit and the link-open event keep which
        source: input.source === "storefront" || input.source === "activity" ? "link" : input.source,
        productId: input.productId ?? null,
        scene: input.scene ?? null,
      },
      now,
    });
    await insertVisit(tx, { ...visit, outcome: d.kind === "bind" ? "bind" : d.reason });
    return d;
  });
  // a frozen code counts for nobody; any other outcome (bound, kept, refused as self or cycle) for its owner
  const frozen = decision.kind === "reject" && decision.reason === "DISTRIBUTOR_FROZEN";
  opened(
    frozen ? null : distributor.userId,
    decision.kind === "bind" ? "bound" : frozen ? "code_frozen" : decision.reason,
  );
  if (decision.kind === "reject") {
    throw new AppError(REJECT_CODES[decision.reason], `Cannot bind: ${decision.reason}`, {
      reason: decision.reason,
    });
  }
  return { outcome: decision.kind === "bind" ? "bound" : decision.reason, bound: decision.kind === "bind" };
}

/** The sign-up hook: the referral code travels inside the sign-up transaction; a refusal never fails sign-up. */
export async function bindOnSignup(
  tx: Tx,
  user: { id: number },
  ref: string | undefined,
  now: Date,
): Promise<void> {
  if (!ref) return;
  const distributor = await findDistributorByCode(tx, ref);
  if (!distributor || distributor.status === "removed") return;
  const decision = await attemptBind(tx, {
    shopperId: user.id,
    candidateId: distributor.userId,
    isNewShopper: true,
    provenance: { source: "signup" },
    now,
  });
  await insertVisit(tx, {
    distributorUserId: distributor.userId,
    visitorUserId: user.id,
    source: "signup",
    outcome: decision.kind === "bind" ? "bind" : decision.reason,
    at: now,
  });
}

/** Staff move a shopper to another upline (or none), with a reason; still never self or a cycle. */
export async function reassignUpline(
  deps: { db: Db; now: () => Date },
  actor: StaffActor,
  shopperId: number,
  input: { uplineUserId: number; reason: string },
) {
  return inTransaction(deps.db, async (tx) => {
    const now = deps.now();
    await lockBindingGraph(tx);
    await lockUsersInOrder(tx, [shopperId, input.uplineUserId]);
    if (shopperId === input.uplineUserId)
      throw new AppError("BINDING_SELF", "Cannot bind a shopper to themself");
    const upline = await findDistributor(tx, input.uplineUserId);
    if (upline?.status !== "active")
      throw new AppError("NOT_DISTRIBUTOR", "The new upline is not an active distributor");
    if ((await findAncestors(tx, input.uplineUserId, now)).includes(shopperId))
      throw new AppError("BINDING_CYCLE", "This would make a cycle");
    const before = await findBinding(tx, shopperId);
    const settings = await getDistributionSettings(tx);
    const { durationDays, protectionDays } = settings.binding;
    await upsertBinding(tx, {
      userId: shopperId,
      uplineUserId: input.uplineUserId,
      source: "staff",
      boundAt: now,
      expiresAt: durationDays === null ? null : new Date(now.getTime() + durationDays * 86_400_000),
      protectedUntil: new Date(now.getTime() + protectionDays * 86_400_000),
    });
    await moveInTeams(tx, shopperId, before?.uplineUserId ?? null, input.uplineUserId);
    await insertBindingHistory(tx, {
      userId: shopperId,
      uplineUserId: input.uplineUserId,
      previousUplineUserId: before?.uplineUserId ?? null,
      source: "staff",
      reason: input.reason,
      staffId: actor.staffId,
      at: now,
    });
    await recordAudit(tx, actor, {
      action: "binding.reassign",
      entity: "user",
      entityId: shopperId,
      before: { uplineUserId: before?.uplineUserId ?? null },
      after: { uplineUserId: input.uplineUserId, reason: input.reason },
    });
    return findBinding(tx, shopperId);
  });
}

/** With extend-on-order, a paid order restarts the buyer's binding duration and protection. */
export async function extendBindingAfterOrder(tx: Tx, buyerUserId: number, at: Date): Promise<void> {
  const settings = await getDistributionSettings(tx);
  if (!settings.binding.extendOnOrder) return;
  const row = await findBinding(tx, buyerUserId);
  const current = asDomain(row);
  if (!current) return;
  const next = extendBindingOnOrder(settings.binding, current, at.getTime());
  await updateBindingTimes(
    tx,
    buyerUserId,
    next.expiresAtMs === null ? null : new Date(next.expiresAtMs),
    new Date(next.protectedUntilMs),
  );
}
