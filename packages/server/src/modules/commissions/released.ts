// Released commissions not yet in their earner's available account (migration 0053): the release sweep
// writes each earner's share of a batch as a commission_released_pending row and credits the shop-wide
// `commission_released` account. Anything that reads an available balance under a limit folds the
// earner's rows in first; screens add them to the account's balance; an hourly pass folds the earners who
// gathered many, so that sum stays short for one who never withdraws.
import { buildReleasedFoldedPosting } from "@liebian/domain";
import { sql } from "drizzle-orm";
import { type Db, type Executor, queryRows, type Tx } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { StatementRow } from "../ledger/repo.ts";
import { postLedgerTransactions } from "../ledger/service.ts";

/**
 * Moves the earners' pending releases into their available accounts, inside `tx`: their rows are deleted
 * and each earner gets one posting (commission_released → commission_available:u:<id>), keyed by the last
 * release folded. A row a sweep batch has written but not committed is not seen and stays for the next
 * fold; two folds of one earner at once take the rows one after the other (the second finds them gone).
 * Returns what was folded, per earner.
 */
export async function foldReleased(
  tx: Tx,
  earnerUserIds: readonly number[],
  at: Date,
): Promise<Map<number, number>> {
  const folded = new Map<number, number>();
  if (earnerUserIds.length === 0) return folded;
  const ids = [...new Set(earnerUserIds)].sort((a, b) => a - b);
  const rows = await queryRows<{
    earnerUserId: string | number;
    fen: string | number;
    through: string | number;
    releases: number;
  }>(
    tx,
    sql`with gone as (
          delete from commission_released_pending where earner_user_id = any(${`{${ids.join(",")}}`}::bigint[])
          returning earner_user_id, transaction_id, amount_fen)
        select earner_user_id as "earnerUserId", sum(amount_fen)::bigint as fen,
               max(transaction_id) as through, count(*)::int as releases
        from gone group by earner_user_id order by earner_user_id`,
  );
  const postings = rows.map((r) => {
    folded.set(Number(r.earnerUserId), Number(r.fen));
    return buildReleasedFoldedPosting({
      earnerUserId: Number(r.earnerUserId),
      amountFen: Number(r.fen),
      throughTransactionId: Number(r.through),
      releases: r.releases,
      at,
    });
  });
  await postLedgerTransactions(tx, postings);
  return folded;
}

/** What the sweep released to the earner that is not in their available account yet (0 when nothing). */
export async function findReleasedPendingFen(db: Executor, earnerUserId: number): Promise<number> {
  const [row] = await queryRows<{ fen: string | number }>(
    db,
    sql`select coalesce(sum(amount_fen), 0)::bigint as fen from commission_released_pending
        where earner_user_id = ${earnerUserId}`,
  );
  return Number(row!.fen);
}

/**
 * The earner's pending releases as lines of their available account's statement (newest first, at most
 * `limit`): each is the release batch's transaction for the earner's share, under the id of the batch's
 * entry on the shop-wide released account (the share has no entry of its own), so the lines sort with the
 * account's own. Once folded they are gone and the fold's one line stands for them.
 */
export async function findReleasedPendingStatement(db: Executor, earnerUserId: number, limit: number) {
  return queryRows<Omit<StatementRow, "meta">>(
    db,
    sql`select e.id as "entryId", t.id as "transactionId", t.idempotency_key as key, t.kind,
               (-p.amount_fen)::bigint as "amountFen", t.created_at as "createdAt"
        from commission_released_pending p join ledger_transactions t on t.id = p.transaction_id
        join lateral (select min(id) as id from ledger_entries
                      where transaction_id = t.id and amount_fen < 0) e on true
        where p.earner_user_id = ${earnerUserId}
        order by p.transaction_id desc limit ${limit}`,
  );
}

/**
 * Pending releases an earner may gather before the hourly pass folds them. The sweep runs every minute,
 * so a busy earner who never withdraws would otherwise add a row a minute to every balance read.
 */
export const FOLD_AFTER_RELEASES = 24;

/** Earners folded per transaction by the hourly pass. */
const FOLD_CHUNK = 500;

/**
 * The hourly pass: folds every earner with at least FOLD_AFTER_RELEASES pending rows, FOLD_CHUNK earners a
 * transaction, until none is left. Finding them reads the pending table's key in order and stops at a
 * chunk; the table holds only what no withdrawal or pass has folded yet. Returns the earners folded.
 */
export async function foldCrowdedReleases(deps: { db: Db }, now: Date): Promise<number> {
  let folded = 0;
  for (;;) {
    const crowded = await queryRows<{ id: string | number }>(
      deps.db,
      sql`select earner_user_id as id from commission_released_pending group by earner_user_id
          having count(*) >= ${FOLD_AFTER_RELEASES} order by earner_user_id limit ${FOLD_CHUNK}`,
    );
    if (crowded.length === 0) return folded;
    const moved = await inTransaction(deps.db, (tx) =>
      foldReleased(
        tx,
        crowded.map((r) => Number(r.id)),
        now,
      ),
    );
    folded += moved.size;
    if (crowded.length < FOLD_CHUNK) return folded;
  }
}
