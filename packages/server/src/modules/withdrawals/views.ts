// Read models of withdrawals: the distribution centre's wallet with its earnings figures, and the finance
// queue with the requester's name.
import type { Db } from "../../db/client.ts";
import { findNicknames } from "../accounts/repo.ts";
import { findEarningsSummary } from "../commissions/repo.ts";
import { listWithdrawals, type WithdrawalRow } from "./repo.ts";
import { getWallet, withdrawalView } from "./service.ts";

const SHANGHAI_MS = 8 * 3_600_000;

/** The starts of today and of this month in Asia/Shanghai (no daylight saving), as instants. */
function periodStarts(now: Date) {
  const local = new Date(now.getTime() + SHANGHAI_MS);
  const day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - SHANGHAI_MS;
  const month = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - SHANGHAI_MS;
  return { day: new Date(day), month: new Date(month) };
}

/** Balances (frozen, available, withdrawing) and what was earned today, this month and in all. */
export async function getEarningsWallet(deps: { db: Db; now: () => Date }, userId: number) {
  const { day, month } = periodStarts(deps.now());
  return {
    ...(await getWallet(deps.db, userId)),
    ...(await findEarningsSummary(deps.db, userId, day, month)),
  };
}

/** A page of the review queue, each row with the requester's nickname; identities stay masked. */
export async function listWithdrawalsForStaff(
  db: Db,
  filter: { limit: number; cursor?: number; status?: WithdrawalRow["status"] },
) {
  const rows = await listWithdrawals(db, filter);
  const names = await findNicknames(
    db,
    rows.map((r) => r.userId),
  );
  return rows.map((r) => ({ ...withdrawalView(r), nickname: names.get(r.userId) ?? null }));
}
