// HTTP contract of the shopper's wallet (商城余额).
import { z } from "zod";

export const WalletResponse = z.object({
  /** What the shopper can spend now. */
  balanceFen: z.number(),
  /** Held for unpaid orders that are partly paid from the balance (returned if they close). */
  heldFen: z.number(),
});

export const WalletEntriesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.coerce.number().int().positive().optional(),
});

export const WalletEntry = z.object({
  id: z.number(),
  /** withdrawal: 佣金提现到余额; payment: 订单支付; refund: 订单退款; release: unpaid order closed, hold returned. */
  kind: z.enum(["withdrawal", "payment", "refund", "release", "other"]),
  /** + into the wallet, − out of it. */
  amountFen: z.number(),
  orderNo: z.string().nullable(),
  withdrawalId: z.number().nullable(),
  at: z.date(),
});

export const WalletEntries = z.object({ items: z.array(WalletEntry), nextCursor: z.number().nullable() });
