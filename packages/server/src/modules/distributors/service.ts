// Becoming and managing distributors: eligibility by the merchant's mode (domain), applications and their
// review, staff appointment, freeze / unfreeze / remove with history kept. Joining is never paid for.
import { randomInt } from "node:crypto";
import { decideEligibility, type EligibilityMode, fen } from "@liebian/domain";
import type { Db, Tx } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { findUserById } from "../accounts/repo.ts";
import { recordAudit } from "../audit/service.ts";
import { getDistributionSettings } from "../distribution/settings.ts";
import {
  type DistributorRow,
  findDistributor,
  findLatestApplication,
  findPurchaseFacts,
  insertApplication,
  insertDistributor,
  insertHistory,
  lockApplication,
  lockDistributor,
  updateApplication,
  updateDistributorStatus,
} from "./repo.ts";

type Deps = { db: Db; now: () => Date };

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

function drawInviteCode(): string {
  let code = "";
  for (let i = 0; i < 7; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** Makes the user an active distributor (again); a removed distributor keeps their code and history. */
export async function grantDistributor(
  tx: Tx,
  userId: number,
  via: string,
  at: Date,
  staffId: number | null = null,
): Promise<DistributorRow> {
  const existing = await lockDistributor(tx, userId);
  if (existing) {
    if (existing.status === "frozen") throw new AppError("DISTRIBUTOR_FROZEN", "This distributor is frozen");
    if (existing.status === "active") return existing;
    await updateDistributorStatus(tx, userId, "active", at);
  } else {
    while (!(await insertDistributor(tx, { userId, inviteCode: drawInviteCode(), grantedVia: via, at }))) {
      // A taken code (1 in 34 billion per existing distributor): draw again.
    }
  }
  await insertHistory(tx, { userId, action: "joined", toValue: via, staffId, at });
  return (await findDistributor(tx, userId))!;
}

async function eligibilityFacts(tx: Tx, userId: number, row: DistributorRow | null) {
  const purchases = await findPurchaseFacts(tx, userId);
  const application = await findLatestApplication(tx, userId);
  return {
    isDistributor: row?.status === "active",
    isFrozen: row?.status === "frozen",
    previouslyGranted: row !== null,
    paidOrderCount: purchases.paidOrderCount,
    paidSpendFen: fen(purchases.paidSpendFen),
    boughtProductIds: purchases.products,
    hasPendingApplication: application?.status === "pending",
  };
}

/** The shopper asks to become a distributor; granted now, or told what is missing. */
export async function becomeDistributor(deps: Deps, userId: number) {
  return inTransaction(deps.db, async (tx) => {
    const settings = await getDistributionSettings(tx);
    if (!settings.plan.enabled) throw new AppError("DISTRIBUTION_DISABLED", "Distribution is switched off");
    const row = await lockDistributor(tx, userId);
    const decision = decideEligibility(
      settings.eligibility as EligibilityMode,
      await eligibilityFacts(tx, userId, row),
    );
    if (decision.kind === "grant") return grantDistributor(tx, userId, decision.via, deps.now());
    if (decision.kind === "apply_required") throw new AppError(decision.reason, "An application is needed");
    if (decision.reason === "ALREADY_DISTRIBUTOR" || decision.reason === "DISTRIBUTOR_FROZEN")
      throw new AppError(decision.reason, "Already a distributor");
    throw new AppError("ELIGIBILITY_NOT_MET", "Not eligible yet", {
      reason: decision.reason,
      ...(decision.progress ? { progress: decision.progress } : {}),
    });
  });
}

/** Grants automatically when a purchase made the shopper eligible (first order, spend, product). */
export async function grantIfEligibleAfterPurchase(tx: Tx, userId: number, at: Date): Promise<void> {
  const settings = await getDistributionSettings(tx);
  const mode = settings.eligibility.kind;
  if (
    !settings.plan.enabled ||
    !["after_first_paid_order", "spend_at_least", "bought_product"].includes(mode)
  )
    return;
  const row = await lockDistributor(tx, userId);
  if (row && row.status !== "removed") return;
  const decision = decideEligibility(
    settings.eligibility as EligibilityMode,
    await eligibilityFacts(tx, userId, row),
  );
  if (decision.kind === "grant") await grantDistributor(tx, userId, decision.via, at);
}

export async function applyForDistributor(
  deps: Deps,
  userId: number,
  form: { realName: string; phone: string; note: string },
) {
  return inTransaction(deps.db, async (tx) => {
    const settings = await getDistributionSettings(tx);
    if (!settings.plan.enabled) throw new AppError("DISTRIBUTION_DISABLED", "Distribution is switched off");
    const row = await lockDistributor(tx, userId);
    if (row?.status === "active") throw new AppError("ALREADY_DISTRIBUTOR", "Already a distributor");
    if (row?.status === "frozen") throw new AppError("DISTRIBUTOR_FROZEN", "This distributor is frozen");
    const inserted = await insertApplication(tx, {
      userId,
      status: "pending",
      ...form,
      createdAt: deps.now(),
    });
    if (!inserted) throw new AppError("APPLICATION_PENDING", "An application is already waiting for review");
    return inserted;
  });
}

export async function reviewApplication(
  deps: Deps,
  actor: StaffActor,
  id: number,
  review: { approve: boolean; reason?: string | undefined },
) {
  return inTransaction(deps.db, async (tx) => {
    const application = await lockApplication(tx, id);
    if (!application) throw notFound("Application", { id });
    if (application.status !== "pending")
      throw new AppError("APPLICATION_STATE_INVALID", "This application was already reviewed", {
        status: application.status,
      });
    const at = deps.now();
    const status = review.approve ? "approved" : "rejected";
    const values = {
      status,
      rejectReason: review.approve ? null : (review.reason ?? ""),
      reviewedBy: actor.staffId,
      reviewedAt: at,
    } as const;
    await updateApplication(tx, id, values);
    if (review.approve) await grantDistributor(tx, application.userId, "application", at, actor.staffId);
    await recordAudit(tx, actor, {
      action: `distributor_application.${status}`,
      entity: "distributor_application",
      entityId: id,
      before: { status: application.status },
      after: values,
    });
    return { ...application, ...values };
  });
}

export async function appointDistributor(deps: Deps, actor: StaffActor, userId: number) {
  return inTransaction(deps.db, async (tx) => {
    if (!(await findUserById(tx, userId))) throw notFound("User", { userId });
    const row = await grantDistributor(tx, userId, "appointed", deps.now(), actor.staffId);
    await recordAudit(tx, actor, {
      action: "distributor.appoint",
      entity: "distributor",
      entityId: userId,
      after: row,
    });
    return row;
  });
}

const STATUS_MOVES = {
  freeze: { from: ["active"], to: "frozen" },
  unfreeze: { from: ["frozen"], to: "active" },
  remove: { from: ["active", "frozen"], to: "removed" },
} as const;

/** Freeze (earns nothing new, cannot withdraw), unfreeze or remove; history and audit kept. */
export async function changeDistributorStatus(
  deps: Deps,
  actor: StaffActor,
  userId: number,
  action: keyof typeof STATUS_MOVES,
  reason: string,
) {
  return inTransaction(deps.db, async (tx) => {
    const row = await lockDistributor(tx, userId);
    if (!row) throw new AppError("NOT_DISTRIBUTOR", "Not a distributor", { userId });
    const move = STATUS_MOVES[action];
    if (!(move.from as readonly string[]).includes(row.status))
      throw new AppError("DISTRIBUTOR_STATE_INVALID", `A ${row.status} distributor cannot ${action}`, {
        status: row.status,
      });
    const at = deps.now();
    await updateDistributorStatus(tx, userId, move.to, at);
    await insertHistory(tx, {
      userId,
      action,
      fromValue: row.status,
      toValue: move.to,
      reason,
      staffId: actor.staffId,
      at,
    });
    await recordAudit(tx, actor, {
      action: `distributor.${action}`,
      entity: "distributor",
      entityId: userId,
      before: { status: row.status },
      after: { status: move.to, reason },
    });
    return { ...row, status: move.to, updatedAt: at };
  });
}

/** The shopper's distributor status and latest application. */
export async function getMyDistributorStatus(db: Db, userId: number) {
  const [row, application, settings] = await Promise.all([
    findDistributor(db, userId),
    findLatestApplication(db, userId),
    getDistributionSettings(db),
  ]);
  return { distributor: row, application, eligibility: settings.eligibility, enabled: settings.plan.enabled };
}
