// HTTP contract of the distributor's wallet and withdrawals (shop) and the finance review queue (staff).
import { WITHDRAWAL_METHODS } from "@liebian/domain";
import { z } from "zod";
import { withdrawalStatuses } from "../../db/schema/distribution.ts";
import { fromDigits } from "../../http/input-types.ts";
import { PageQuery, pageOf } from "../../http/page.ts";

export const WithdrawBody = z.strictObject({
  method: z.enum(WITHDRAWAL_METHODS),
  amountFen: z.number().int().positive().max(1e12),
  /** Needed (with consent) by every method that pays someone outside the shop; not by `wallet` (商城余额). */
  realName: z.string().trim().min(1).max(40).optional(),
  account: z.string().trim().min(1).max(64).optional(),
  consent: z.boolean().default(false),
});
export const PreviewQuery = z.strictObject({
  method: z.enum(WITHDRAWAL_METHODS),
  amountFen: fromDigits(z.number().int().positive().max(1e12)),
});
export const PreviewResponse = z.strictObject({
  ok: z.boolean(),
  feeFen: z.number(),
  netFen: z.number(),
  reason: z.string().nullable(),
  /** The shop's smallest withdrawal, for the rule shown beside the amount. */
  minimumFen: z.number(),
});

export const WalletResponse = z.strictObject({
  frozenFen: z.number(),
  availableFen: z.number(),
  withdrawingFen: z.number(),
  todayFen: z.number(),
  monthFen: z.number(),
  totalFen: z.number(),
  nextReleases: z.array(z.strictObject({ dueAt: z.date(), amountFen: z.number() })),
});

export const WithdrawalQuery = PageQuery.extend({
  status: z.enum(withdrawalStatuses).optional(),
});
export const ReasonBody = z.strictObject({ reason: z.string().trim().min(1).max(200) });

/** A withdrawal (table `withdrawals`) as it may leave the server: the identity only in its masked forms. */
export const Withdrawal = z.strictObject({
  id: z.number(),
  userId: z.number(),
  method: z.enum(WITHDRAWAL_METHODS),
  amountFen: z.number(),
  feeFen: z.number(),
  netFen: z.number(),
  status: z.enum(withdrawalStatuses),
  realNameMasked: z.string(),
  accountMasked: z.string(),
  consentAt: z.date(),
  /** The stable transfer number given to the payout provider. */
  outBillNo: z.string(),
  /** The Asia/Shanghai day it counts toward for the daily limits (YYYY-MM-DD). */
  businessDate: z.string(),
  rejectReason: z.string().nullable(),
  failureReason: z.string().nullable(),
  attempts: z.number(),
  reviewedBy: z.number().nullable(),
  requestedAt: z.date(),
  reviewedAt: z.date().nullable(),
  paidAt: z.date().nullable(),
});
export const WithdrawalRecords = pageOf(Withdrawal);
/** Finance also sees who asked. */
export const StaffWithdrawalRecords = pageOf(Withdrawal.extend({ nickname: z.string().nullable() }));
