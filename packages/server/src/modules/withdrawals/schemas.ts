// HTTP contract of the distributor's wallet and withdrawals (shop) and the finance review queue (staff).
import { WITHDRAWAL_METHODS } from "@liebian/domain";
import { z } from "zod";
import { fromDigits } from "../../http/input-types.ts";
import { PageQuery } from "../../http/page.ts";

export const Row = z.record(z.string(), z.unknown());
export const Rows = z.object({ items: z.array(Row), nextCursor: z.number().nullable() });

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
export const PreviewResponse = z.object({
  ok: z.boolean(),
  feeFen: z.number(),
  netFen: z.number(),
  reason: z.string().nullable(),
  /** The shop's smallest withdrawal, for the rule shown beside the amount. */
  minimumFen: z.number(),
});

export const WalletResponse = z.object({
  frozenFen: z.number(),
  availableFen: z.number(),
  withdrawingFen: z.number(),
  todayFen: z.number(),
  monthFen: z.number(),
  totalFen: z.number(),
  nextReleases: z.array(z.object({ dueAt: z.date(), amountFen: z.number() })),
});

export const WithdrawalQuery = PageQuery.extend({
  status: z.enum(["requested", "approved", "paying", "paid", "failed", "rejected"]).optional(),
});
export const ReasonBody = z.strictObject({ reason: z.string().trim().min(1).max(200) });
