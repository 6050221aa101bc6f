// Finance approves a previewed run: the money event of dividends, team dividends and contest prizes. In one
// transaction, in a fixed order: lock the run, load its paying lines, plan (domain planRunApproval), move the
// run preview → approved (the event row), then post the ledger transaction that pays every line from the
// merchant's dividend expense into each earner's available balance. The ledger key names the kind and
// period, so a period is paid once; a second approval is refused (RUN_ALREADY_APPROVED) and changes nothing.
import { planRunApproval } from "@liebian/domain";
import type { Db } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { recordAudit } from "../audit/service.ts";
import { postBatchTransaction } from "../ledger/post-batch.ts";
import { grantPrizes } from "./prizes.ts";
import { findPayingLines, lockRun, moveRunIf } from "./repo.ts";

export async function approveRun(deps: { db: Db; now: () => Date }, actor: StaffActor, runId: number) {
  return inTransaction(deps.db, async (tx) => {
    const run = await lockRun(tx, runId);
    if (!run) throw notFound("Dividend run", { id: runId });
    const lines = run.status === "preview" ? await findPayingLines(tx, run.id) : [];
    const now = deps.now();
    const plan = planRunApproval({ run, lines, at: now });
    if (plan.kind === "already_approved")
      throw new AppError("RUN_ALREADY_APPROVED", "This run is already approved and paid", { id: runId });
    if (plan.kind === "refuse")
      throw new AppError("RUN_STATE_INVALID", `A ${run.status} run cannot be approved`, {
        status: run.status,
      });
    // the row is locked by this transaction: a move that did not happen would pay for nothing
    if (
      !(await moveRunIf(tx, run.id, "preview", {
        status: "approved",
        decidedAt: now,
        decidedBy: actor.staffId,
      }))
    )
      throw new Error(`dividend run ${run.id} did not move to approved`);
    // what the approval caused: coupons and ¥0 orders of the prizes in kind (once per run, line and winner)
    const granted = await grantPrizes(tx, run, now);
    if (plan.posting) await postBatchTransaction(tx, plan.posting);
    await recordAudit(tx, actor, {
      action: "dividend_run.approve",
      entity: "dividend_run",
      entityId: run.id,
      before: { status: run.status },
      after: { status: "approved", paidFen: plan.paidFen, earners: lines.length, prizesInKind: granted },
    });
    return { ...run, status: "approved" as const, decidedAt: now, decidedBy: actor.staffId };
  });
}

/** Staff discard a preview (the period may then be run again); an approved run stays. */
export async function discardRun(deps: { db: Db; now: () => Date }, actor: StaffActor, runId: number) {
  return inTransaction(deps.db, async (tx) => {
    const run = await lockRun(tx, runId);
    if (!run) throw notFound("Dividend run", { id: runId });
    if (run.status !== "preview")
      throw new AppError("RUN_STATE_INVALID", `A ${run.status} run cannot be discarded`, {
        status: run.status,
      });
    const now = deps.now();
    await moveRunIf(tx, run.id, "preview", { status: "discarded", decidedAt: now, decidedBy: actor.staffId });
    await recordAudit(tx, actor, {
      action: "dividend_run.discard",
      entity: "dividend_run",
      entityId: run.id,
      before: { status: "preview" },
      after: { status: "discarded" },
    });
    return { ...run, status: "discarded" as const, decidedAt: now, decidedBy: actor.staffId };
  });
}
