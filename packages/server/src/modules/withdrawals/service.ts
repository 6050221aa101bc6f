// Wallet and withdrawals: balances read from the ledger; a request moves available → withdrawal_hold in
// one guarded write (`wd:<id>:hold`); finance approves (payout with a transfer number saved first; unknown
// results are queried, never re-sent under a new number) or rejects (`wd:<id>:release`).
import { createHash, randomBytes } from "node:crypto";
import {
  bps,
  buildWithdrawalHeldPosting,
  buildWithdrawalPaidPosting,
  buildWithdrawalReleasedPosting,
  decideWithdrawal,
  decideWithdrawalTransition,
  fen,
  ledgerAccount,
  owedFen,
  type WithdrawalMethod,
} from "@liebian/domain";
import type { Db, Tx } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps, PayoutResult } from "../../deps.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { maskTail } from "../../lib/secret-box.ts";
import { recordAudit } from "../audit/service.ts";
import { findReleasedPendingFen, foldReleased } from "../commissions/released.ts";
import { businessDate } from "../commissions/rewards.ts";
import { findFrozenFen } from "../commissions/views.ts";
import { getDistributionSettings } from "../distribution/settings.ts";
import { lockDistributor } from "../distributors/repo.ts";
import { findBalances, findOwedFen } from "../ledger/repo.ts";
import { postLedgerTransaction } from "../ledger/service.ts";
import { enqueueOutbox } from "../outbox/service.ts";
import type { SettingsOf } from "../settings/sections.ts";
import { getSettings } from "../settings/service.ts";
import {
  findTodayTotals,
  insertWithdrawal,
  lockWithdrawal,
  moveWithdrawalIf,
  type WithdrawalRow,
} from "./repo.ts";
import { sandboxPayouts } from "./sandbox-payout.ts";

type Deps = Pick<AppDeps, "db" | "now" | "secretBox" | "payouts">;

export async function getWallet(db: Db | Tx, userId: number) {
  const codes = [ledgerAccount.commissionAvailable(userId), ledgerAccount.withdrawalHold(userId)];
  const b = await findBalances(db, codes);
  return {
    // the earner's share of the shop-wide frozen account is their open commissions (migration 0049)
    frozenFen: await findFrozenFen(db, userId),
    // with what the release sweep paid them that is not folded into the account yet (migration 0053)
    availableFen: owedFen(b.get(codes[0]!) ?? 0) + (await findReleasedPendingFen(db, userId)),
    withdrawingFen: owedFen(b.get(codes[1]!) ?? 0),
  };
}

export type WithdrawalInput = {
  method: WithdrawalMethod;
  amountFen: number;
  /** Required, with consent, unless the money stays in the shop (`wallet`). */
  realName?: string | undefined;
  account?: string | undefined;
  consent: boolean;
};

/** Who a withdrawal pays: the payee's identity, or, for the shop balance, the shopper's own wallet. */
function payeeOf(userId: number, input: WithdrawalInput) {
  if (input.method === "wallet") return { realName: "", account: "", hashed: ledgerAccount.wallet(userId) };
  const missing = [...(input.realName ? [] : ["realName"]), ...(input.account ? [] : ["account"])];
  if (missing.length > 0)
    throw new AppError("WITHDRAWAL_PAYEE_REQUIRED", "This method needs the payee's name and account", {
      fields: missing,
    });
  if (!input.consent)
    throw new AppError("WITHDRAWAL_CONSENT_REQUIRED", "Consent to process the payout identity is required");
  const account = input.account!;
  return { realName: input.realName!, account, hashed: account.replace(/\s+/g, "") };
}

/** The merchant's rules; auto-approval never above the owner's hard limit, even if it was lowered after saving. */
function rulesOf(
  settings: Awaited<ReturnType<typeof getDistributionSettings>>,
  limits: SettingsOf<"moneyLimits">,
) {
  const w = settings.withdrawal;
  const auto =
    w.autoApproveBelowFen === null
      ? null
      : Math.min(w.autoApproveBelowFen, limits.withdrawalAutoApproveMaxFen);
  return {
    ...w,
    minimumFen: fen(w.minimumFen),
    feeBps: bps(w.feeBps),
    dailyMaxFen: w.dailyMaxFen === null ? null : fen(w.dailyMaxFen),
    autoApproveBelowFen: auto === null ? null : fen(auto),
  };
}

/** The fee and net the distributor would get, or why the request would be refused, without moving money. */
export async function previewWithdrawal(
  deps: Pick<AppDeps, "db" | "now">,
  userId: number,
  method: WithdrawalMethod,
  amountFen: number,
) {
  return inTransaction(deps.db, async (tx) => {
    const settings = await getDistributionSettings(tx);
    const wallet = await getWallet(tx, userId);
    const today = await findTodayTotals(tx, userId, businessDate(deps.now()));
    const rules = rulesOf(settings, await getSettings(tx, "moneyLimits"));
    const decision = decideWithdrawal({
      rules,
      method,
      amountFen: fen(amountFen),
      availableFen: fen(wallet.availableFen),
      today: { count: today.count, amountFen: fen(today.amountFen) },
    });
    // the form states the minimum beside the amount field before anyone types a number below it
    const minimumFen = rules.minimumFen;
    return decision.kind === "ok"
      ? { ok: true, feeFen: decision.feeFen, netFen: decision.netFen, reason: null, minimumFen }
      : { ok: false, feeFen: 0, netFen: 0, reason: decision.reason, minimumFen };
  });
}

export async function requestWithdrawal(
  deps: Deps,
  userId: number,
  input: WithdrawalInput,
): Promise<WithdrawalRow> {
  const payee = payeeOf(userId, input);
  const created = await inTransaction(deps.db, async (tx) => {
    // The distributor row lock queues one person's requests, so daily limits count exactly.
    const distributor = await lockDistributor(tx, userId);
    if (!distributor || distributor.status === "removed")
      throw new AppError("NOT_DISTRIBUTOR", "Not a distributor");
    if (distributor.status === "frozen")
      throw new AppError("DISTRIBUTOR_FROZEN", "A frozen distributor cannot withdraw");
    const now = deps.now();
    // the released commissions into the account first, so the guard below reads all of it
    await foldReleased(tx, [userId], now);
    const date = businessDate(now);
    const settings = await getDistributionSettings(tx);
    const today = await findTodayTotals(tx, userId, date);
    const decision = decideWithdrawal({
      rules: rulesOf(settings, await getSettings(tx, "moneyLimits")),
      method: input.method,
      amountFen: fen(input.amountFen),
      // the account alone, as the guard reads it: a release a sweep batch committed since the fold waits
      // for the next one, rather than passing here and being refused by the guard
      availableFen: fen(await findOwedFen(tx, ledgerAccount.commissionAvailable(userId))),
      today: { count: today.count, amountFen: fen(today.amountFen) },
    });
    if (decision.kind === "refuse")
      throw new AppError(decision.reason, `Withdrawal refused: ${decision.reason}`);
    const row = await insertWithdrawal(tx, {
      userId,
      method: input.method,
      amountFen: decision.amountFen,
      feeFen: decision.feeFen,
      netFen: decision.netFen,
      status: "requested",
      realNameSealed: deps.secretBox.seal(payee.realName),
      accountSealed: deps.secretBox.seal(payee.account),
      realNameMasked: payee.realName
        ? `${payee.realName.slice(0, 1)}${"*".repeat(Math.max(1, payee.realName.length - 1))}`
        : "",
      accountMasked: payee.account ? maskTail(payee.account) : "",
      accountHash: createHash("sha256").update(payee.hashed).digest("hex"),
      consentAt: now,
      outBillNo: `LBWD${randomBytes(12).toString("hex")}`,
      businessDate: date,
      requestedAt: now,
    });
    // The guard: the write itself refuses when available < amount (L5), whatever was read above.
    await postLedgerTransaction(tx, {
      ...buildWithdrawalHeldPosting({ withdrawalId: row.id, userId, amountFen: row.amountFen, at: now }),
      guardAccount: ledgerAccount.commissionAvailable(userId),
    });
    return { row, autoApprove: decision.autoApprove };
  });
  if (!created.autoApprove) return created.row;
  return approveWithdrawal(deps, null, created.row.id);
}

/**
 * requested|failed → paying (one caller wins the CAS), then the payout outside any transaction; its answer
 * comes back to the ledger. A second approval at the same moment answers WITHDRAWAL_STATE_INVALID.
 */
export async function approveWithdrawal(
  deps: Deps,
  actor: StaffActor | null,
  id: number,
): Promise<WithdrawalRow> {
  const paying = await inTransaction(deps.db, async (tx) => {
    const row = await lockWithdrawal(tx, id);
    if (!row) throw notFound("Withdrawal", { id });
    if (decideWithdrawalTransition(row.status, "approved").kind === "refuse")
      throw new AppError("WITHDRAWAL_STATE_INVALID", `A ${row.status} withdrawal cannot be approved`, {
        status: row.status,
      });
    const moved = await moveWithdrawalIf(tx, id, [row.status], {
      status: "paying",
      attempts: row.attempts + 1,
      reviewedBy: actor?.staffId ?? null,
      reviewedAt: deps.now(),
      failureReason: null,
    });
    if (actor)
      await recordAudit(tx, actor, {
        action: "withdrawal.approve",
        entity: "withdrawal",
        entityId: id,
        before: { status: row.status },
        after: { status: "paying" },
      });
    return { row: moved!, retry: row.attempts > 0 };
  });
  return sendPayout(deps, paying.row, paying.retry);
}

async function sendPayout(deps: Deps, row: WithdrawalRow, retry: boolean): Promise<WithdrawalRow> {
  // The shop balance is paid inside the ledger, on approval: no outside rail, nothing to ask about later.
  if (row.method === "wallet") return recordPayoutResult(deps, row.id, { status: "succeeded" });
  const payouts = deps.payouts ?? sandboxPayouts;
  let result: PayoutResult;
  try {
    // A retry first asks what happened to the number already given; only a definite failure re-sends it.
    const earlier = retry ? await payouts.query(row.outBillNo, row.method) : null;
    result =
      earlier && earlier.status !== "failed"
        ? earlier
        : await payouts.send({
            withdrawalId: row.id,
            outBillNo: row.outBillNo,
            amountFen: row.netFen,
            method: row.method,
            account: {
              realName: deps.secretBox.open(row.realNameSealed),
              account: deps.secretBox.open(row.accountSealed),
            },
          });
  } catch {
    result = await payouts.query(row.outBillNo, row.method).catch(() => ({ status: "processing" as const }));
  }
  return recordPayoutResult(deps, row.id, result);
}

/**
 * Applies a payout answer to a paying withdrawal: paid (`wd:<id>:pay`: to the payout rail, or into the
 * shopper's wallet for 商城余额), failed (hold kept), or still paying.
 */
export async function recordPayoutResult(
  deps: Pick<AppDeps, "db" | "now">,
  id: number,
  result: PayoutResult,
): Promise<WithdrawalRow> {
  return inTransaction(deps.db, async (tx) => {
    const row = await lockWithdrawal(tx, id);
    if (!row) throw notFound("Withdrawal", { id });
    if (row.status !== "paying" || result.status === "processing") return row;
    const now = deps.now();
    if (result.status === "failed")
      return (await moveWithdrawalIf(tx, id, ["paying"], {
        status: "failed",
        failureReason: result.reason ?? "payout failed",
      }))!;
    // The withdrawal's own row first, then what it caused: the outbox message and the ledger.
    const paid = (await moveWithdrawalIf(tx, id, ["paying"], { status: "paid", paidAt: now }))!;
    const { userId, method, amountFen, feeFen, netFen } = row;
    await enqueueOutbox(tx, {
      topic: "withdrawal.paid",
      at: now,
      payload: { withdrawalId: id, userId, method, amountFen, feeFen, netFen },
    });
    await postLedgerTransaction(
      tx,
      buildWithdrawalPaidPosting({
        withdrawalId: id,
        userId,
        method,
        amountFen,
        feeFen,
        netFen,
        outBillNo: row.outBillNo,
        at: now,
      }),
    );
    return paid;
  });
}

/** requested|failed → rejected: the hold returns to available, the reason is shown to the distributor. */
export async function rejectWithdrawal(
  deps: Pick<AppDeps, "db" | "now">,
  actor: StaffActor,
  id: number,
  reason: string,
) {
  return inTransaction(deps.db, async (tx) => {
    const row = await lockWithdrawal(tx, id);
    if (!row) throw notFound("Withdrawal", { id });
    if (decideWithdrawalTransition(row.status, "rejected").kind === "refuse")
      throw new AppError("WITHDRAWAL_STATE_INVALID", `A ${row.status} withdrawal cannot be rejected`, {
        status: row.status,
      });
    const now = deps.now();
    await postLedgerTransaction(
      tx,
      buildWithdrawalReleasedPosting({
        withdrawalId: id,
        userId: row.userId,
        amountFen: row.amountFen,
        reason,
        at: now,
      }),
    );
    const moved = await moveWithdrawalIf(tx, id, [row.status], {
      status: "rejected",
      rejectReason: reason,
      reviewedBy: actor.staffId,
      reviewedAt: now,
    });
    await recordAudit(tx, actor, {
      action: "withdrawal.reject",
      entity: "withdrawal",
      entityId: id,
      before: { status: row.status },
      after: { status: "rejected", reason },
    });
    return moved!;
  });
}

/** Public view: never the sealed identity, only its masks. */
export function withdrawalView(row: WithdrawalRow) {
  const { realNameSealed: _n, accountSealed: _a, accountHash: _h, ...rest } = row;
  return rest;
}
