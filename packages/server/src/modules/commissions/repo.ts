// Commission rows and the order snapshot: inserts that happen once per (order item, level), locks for
// moves, the release sweep's batches (due, no open after-sale), and the earner's lists.
import { AFTER_SALE_STATES, isAfterSaleOpen } from "@liebian/domain";
import { and, asc, desc, eq, getTableColumns, ilike, inArray, lt, or, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { users } from "../../db/schema/accounts.ts";
import { orders } from "../../db/schema/commerce.ts";
import {
  type CommissionRowStatus,
  commissionQueue,
  commissions,
  orderDistribution,
} from "../../db/schema/distribution.ts";
import { columnsOf, insertRows, nest, runStatement, without } from "../../db/statement.ts";
import { fraudFactsQuery } from "./fraud.ts";

export type CommissionRow = typeof commissions.$inferSelect;
export type SnapshotRow = typeof orderDistribution.$inferSelect;
const COMMISSION_COLUMNS = columnsOf(commissions, '"commissions"');

const OPEN_AFTER_SALE = sql.join(
  AFTER_SALE_STATES.filter(isAfterSaleOpen).map((s) => sql`${s}`),
  sql`, `,
);

export type ChainFactRow = { id: number; depth: number; status: string | null; ratesBps: unknown };

/**
 * The buyer (depth 0) and their upline (at most 3, nearest first, over bindings active at `at`), each with
 * their distributor status and grade rates, as SQL over the given parameters (`buyer` a bigint, `at` a
 * timestamptz): what an order's snapshot freezes. Checkout's facts read embeds it.
 */
export function chainFactsSql(buyer: string, at: string): string {
  return `with recursive up(id, depth) as (
          select b.upline_user_id, 1 from referral_bindings b
          where b.user_id = ${buyer} and (b.expires_at is null or b.expires_at > ${at})
          union all
          select b.upline_user_id, up.depth + 1 from up join referral_bindings b on b.user_id = up.id
          where (b.expires_at is null or b.expires_at > ${at}) and up.depth < 3
        ) cycle id set is_cycle using path,
        chain as (select ${buyer} as id, 0 as depth union all select id, depth from up where not is_cycle)
        select c.id, c.depth, d.status, g.rates_bps as "ratesBps" from chain c
        left join distributors d on d.user_id = c.id left join distributor_grades g on g.id = d.grade_id
        order by c.depth`;
}

const CHAIN_FACTS = chainFactsSql("$1::bigint", "$2::timestamptz");

/** chainFactsSql on its own, in one query. */
export async function findChainFacts(db: Executor, buyerUserId: number, at: Date) {
  return runStatement<ChainFactRow>(db, CHAIN_FACTS, [buyerUserId, at.toISOString()]);
}

export async function insertSnapshot(db: Executor, row: typeof orderDistribution.$inferInsert) {
  await insertRows(db, orderDistribution, [row], "on conflict do nothing");
}

export async function lockSnapshot(db: Executor, orderId: number): Promise<SnapshotRow | null> {
  const rows = await db
    .select()
    .from(orderDistribution)
    .where(eq(orderDistribution.orderId, orderId))
    .for("update");
  return rows[0] ?? null;
}

/**
 * Locks an order by number and reads, in the same statement, all the payment's plan needs (confirm-payment's
 * lock and load): the order, its snapshot, the fraud check's facts (`fraudFacts`: fraudFactsQuery's text
 * for the buyer and the snapshot's chain, its bind window from $2; null when the check is off) and the
 * buyer's uplines, share-locked. The snapshot and the facts are read as of the statement's start, not
 * after the lock wait: a pending order's snapshot is written by the transaction that placed it and changed only by the
 * payment holding this lock, whose commit leaves the order no longer payable — so a payable order's
 * snapshot is never stale (and facts read for an order another payment took are not used).
 */
function lockOrderForPaymentText(fraudFacts: string | null) {
  return `with
    -- the order as it was when the statement began, if it was payable: whose facts the plan may need
    -- (found by its number alone, materialized: a status test beside it could send the planner to the
    -- indexes of pending orders, which churn)
    found as materialized (select o.id, o.buyer_user_id, o.status, o.paid_at, d.chain from orders o
               join order_distribution d on d.order_id = o.id where o.order_no = $1),
    target as (select id, buyer_user_id, chain from found where status = 'pending_payment' and paid_at is null),
    -- the fraud check's people: the buyer and the snapshot's chain, among whom are the plan's earners
    people as (select buyer_user_id as id from target
               union select (m->>'userId')::bigint from target, jsonb_array_elements(target.chain) m),
${
  fraudFacts
    ? `    -- the fraud check's facts of those people
    fraud as (${fraudFacts}),
`
    : ""
}    -- the buyer's uplines for the team counters, each link share-locked before the next is read, so a
    -- rebind (which updates the link) waits for this payment or this payment counts along the new chain
    b1 as (select upline_user_id as id from referral_bindings
           where user_id = (select buyer_user_id from orders where order_no = $1) for share),
    b2 as (select upline_user_id as id from referral_bindings where user_id = (select id from b1) for share),
    b3 as (select upline_user_id as id from referral_bindings where user_id = (select id from b2) for share)
  select ${columnsOf(orders, "o")}, ${columnsOf(orderDistribution, "d", "snapshot.")},
    ${fraudFacts ? `(select coalesce(jsonb_agg(jsonb_build_array(f."userId", f.kind, f.value)), '[]') from fraud f)` : "null::jsonb"} as "fraudFacts",
    array_remove(array[(select id from b1), (select id from b2), (select id from b3)], null) as uplines
  from orders o left join order_distribution d on d.order_id = o.id where o.order_no = $1 for update of o`;
}

/** The statement's two texts, made once: with the fraud check's facts, and without. */
const lockTexts = {
  checked: lockOrderForPaymentText(
    fraudFactsQuery("array(select id from people)", "(select id from target)", "$2::timestamptz"),
  ),
  unchecked: lockOrderForPaymentText(null),
};

export type LockedForPayment = {
  order: typeof orders.$inferSelect;
  snapshot: SnapshotRow | null;
  /** [userId, kind, value] rows of the fraud facts (null when the check is off; none when not payable). */
  fraudFacts: [number, string, string | null][] | null;
  /** The buyer's uplines, nearest first (at most 3), share-locked. */
  uplines: number[];
};

/** See lockOrderForPaymentText; `fraudSince` starts the bind window, null when the check is off. */
export async function lockOrderForPayment(
  db: Executor,
  orderNo: string,
  fraudSince: Date | null,
): Promise<LockedForPayment | null> {
  const text = fraudSince ? lockTexts.checked : lockTexts.unchecked;
  const [row] = await runStatement<Record<string, unknown>>(
    db,
    text,
    fraudSince ? [orderNo, fraudSince.toISOString()] : [orderNo],
  );
  if (!row) return null;
  const { fraudFacts, uplines, ...rest } = row;
  return {
    order: without(rest, "snapshot"),
    snapshot: nest<SnapshotRow>(rest, "snapshot", "orderId"),
    fraudFacts: (fraudFacts as LockedForPayment["fraudFacts"]) ?? null,
    uplines: (uplines as (number | string)[]).map(Number),
  };
}

/** Stamps the snapshot with the order's first payment time. */
export async function stampSnapshotPaid(db: Executor, orderId: number, paidAt: Date): Promise<void> {
  await runStatement(
    db,
    "update order_distribution set paid_at = coalesce(paid_at, $1::timestamptz) where order_id = $2",
    [paidAt.toISOString(), orderId],
  );
}

export async function updateSnapshot(db: Executor, orderId: number, values: Partial<SnapshotRow>) {
  await db.update(orderDistribution).set(values).where(eq(orderDistribution.orderId, orderId));
}

/** Inserts the commissions whose (item, level) does not exist yet; returns the rows inserted now. */
export async function insertCommissionsOnce(db: Executor, rows: (typeof commissions.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return insertRows<CommissionRow>(
    db,
    commissions,
    rows,
    `on conflict do nothing returning ${COMMISSION_COLUMNS}`,
  );
}

export async function lockCommissionsOfItems(db: Executor, orderItemIds: number[]): Promise<CommissionRow[]> {
  if (orderItemIds.length === 0) return [];
  return db
    .select()
    .from(commissions)
    .where(inArray(commissions.orderItemId, orderItemIds))
    .orderBy(asc(commissions.id))
    .for("update");
}

/** The same lines without a lock: what a refund preview reads. */
export async function findCommissionsOfItems(db: Executor, orderItemIds: number[]): Promise<CommissionRow[]> {
  if (orderItemIds.length === 0) return [];
  return db
    .select()
    .from(commissions)
    .where(inArray(commissions.orderItemId, orderItemIds))
    .orderBy(asc(commissions.id));
}

export async function lockCommission(db: Executor, id: number): Promise<CommissionRow | null> {
  const rows = await db.select().from(commissions).where(eq(commissions.id, id)).for("update");
  return rows[0] ?? null;
}

export async function updateCommission(db: Executor, id: number, values: Partial<CommissionRow>) {
  await db.update(commissions).set(values).where(eq(commissions.id, id));
}

/** Compare-and-set of a status move (L7): true when this call made it. */
export async function moveCommissionIf(
  db: Executor,
  id: number,
  from: CommissionRowStatus,
  values: Partial<CommissionRow>,
): Promise<boolean> {
  const rows = await db
    .update(commissions)
    .set(values)
    .where(and(eq(commissions.id, id), eq(commissions.status, from)))
    .returning({ id: commissions.id });
  return rows.length === 1;
}

export async function setDueAtForOrder(db: Executor, orderId: number, dueAt: Date) {
  await db
    .update(commissions)
    .set({ dueAt })
    .where(and(eq(commissions.orderId, orderId), inArray(commissions.status, ["frozen", "held"])));
}

export type DueCommission = Pick<
  CommissionRow,
  "id" | "orderId" | "earnerUserId" | "amountFen" | "clawedBackFen" | "status" | "dueAt"
>;

const DUE_COLUMNS = `c.id, c.order_id as "orderId", c.earner_user_id as "earnerUserId", c.amount_fen as "amountFen",
  c.clawed_back_fen as "clawedBackFen", c.status, c.due_at as "dueAt"`;
/** The release rule's "no open after-sale on its item", for a commission row aliased `c`. */
export const NO_OPEN_AFTER_SALE = sql`not exists (select 1 from after_sale_items ai join after_sales a on a.id = ai.after_sale_id
  where ai.order_item_id = c.order_item_id and a.status in (${OPEN_AFTER_SALE}))`;

/** The same for one order's commissions (an order completing releases what of it is due). */
export async function lockDueOfOrder(db: Executor, now: Date, orderId: number): Promise<DueCommission[]> {
  const rows = await queryRows<DueCommission>(
    db,
    sql`select ${sql.raw(DUE_COLUMNS)} from commissions c
        where c.order_id = ${orderId} and c.status = 'frozen' and c.due_at <= ${now.toISOString()}
          and ${NO_OPEN_AFTER_SALE}
        order by c.id for update of c skip locked`,
  );
  return rows.map(dueRow);
}

// raw rows: bigint columns may come as text, timestamps as engine text on PGlite
function dueRow(r: DueCommission): DueCommission {
  return {
    ...r,
    id: Number(r.id),
    orderId: Number(r.orderId),
    earnerUserId: Number(r.earnerUserId),
    amountFen: Number(r.amountFen),
    clawedBackFen: Number(r.clawedBackFen),
    dueAt: r.dueAt === null ? null : new Date(r.dueAt),
  };
}

/**
 * frozen → settled by compare-and-set for many rows (L7), in one statement that also takes them out of the
 * queue; returns how many this call moved. No index names `status`, so the move is a heap-only update.
 */
export async function settleCommissionsIf(db: Executor, ids: number[], now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const [row] = await queryRows<{ moved: number }>(
    db,
    sql`with moved as (
          update commissions set status = 'settled', settled_at = ${now.toISOString()}
          where id = any(${`{${ids.join(",")}}`}::bigint[]) and status = 'frozen'
          returning id, earner_user_id),
        gone as (
          delete from commission_queue q using moved m
          where q.earner_user_id = m.earner_user_id and q.commission_id = m.id)
        select count(*)::int as moved from moved`,
  );
  return Number(row!.moved);
}

/** A search text taken literally inside LIKE: its own % and _ match only themselves. */
function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

type ReleaseRule = { mode: "after_receipt" | "after_payment"; days: number };

/** Commission records for the lists, newest first, each with its order's number and the earner's name and phone. */
export async function findCommissions(
  db: Executor,
  filter: {
    earnerUserId?: number;
    status?: CommissionRowStatus;
    orderId?: number;
    orderNo?: string;
    /** A full phone number, or part of a nickname. */
    earner?: string;
    limit: number;
    cursor?: number;
  },
): Promise<
  (CommissionRow & {
    orderNo: string;
    earnerNickname: string;
    earnerPhone: string | null;
    release: ReleaseRule | null;
  })[]
> {
  return db
    .select({
      ...getTableColumns(commissions),
      orderNo: orders.orderNo,
      earnerNickname: users.nickname,
      earnerPhone: users.phone,
      // the rule the order was placed under, so a release date can say how it was reached
      release: sql<ReleaseRule | null>`${orderDistribution.plan} -> 'release'`,
    })
    .from(commissions)
    .innerJoin(orders, eq(orders.id, commissions.orderId))
    .innerJoin(users, eq(users.id, commissions.earnerUserId))
    .leftJoin(orderDistribution, eq(orderDistribution.orderId, commissions.orderId))
    .where(
      and(
        filter.earnerUserId === undefined ? undefined : eq(commissions.earnerUserId, filter.earnerUserId),
        filter.status === undefined ? undefined : eq(commissions.status, filter.status),
        // held ones are few among millions: found through the queue's held index, not the primary key
        filter.status === "held"
          ? inArray(
              commissions.id,
              db
                .select({ id: commissionQueue.commissionId })
                .from(commissionQueue)
                .where(sql`${commissionQueue.held}`),
            )
          : undefined,
        filter.orderId === undefined ? undefined : eq(commissions.orderId, filter.orderId),
        filter.orderNo === undefined ? undefined : eq(orders.orderNo, filter.orderNo),
        filter.earner === undefined
          ? undefined
          : or(eq(users.phone, filter.earner), ilike(users.nickname, `%${likeEscaped(filter.earner)}%`)),
        filter.cursor === undefined ? undefined : lt(commissions.id, filter.cursor),
      ),
    )
    .orderBy(desc(commissions.id))
    .limit(filter.limit);
}

/** Earned per period and the next release dates of an earner (amounts net of clawbacks). */
export async function findEarningsSummary(db: Executor, userId: number, dayStart: Date, monthStart: Date) {
  const [row] = await queryRows<{ today: number; month: number; total: number }>(
    db,
    sql`select coalesce(sum(amount_fen - clawed_back_fen) filter (where created_at >= ${dayStart.toISOString()}), 0)::bigint as today,
               coalesce(sum(amount_fen - clawed_back_fen) filter (where created_at >= ${monthStart.toISOString()}), 0)::bigint as month,
               coalesce(sum(amount_fen - clawed_back_fen), 0)::bigint as total
        from commissions where earner_user_id = ${userId} and status <> 'cancelled'`,
  );
  const next = await queryRows<{ dueAt: Date | string; amountFen: number | string }>(
    db,
    sql`select due_at as "dueAt", sum(amount_fen - clawed_back_fen)::bigint as "amountFen" from commissions
        where earner_user_id = ${userId} and status = 'frozen' and due_at is not null
        group by due_at order by due_at limit 5`,
  );
  return {
    todayFen: Number(row!.today),
    monthFen: Number(row!.month),
    totalFen: Number(row!.total),
    // raw rows carry the engine's timestamp text on PGlite and a Date on node-postgres
    nextReleases: next.map((r) => ({ dueAt: new Date(r.dueAt), amountFen: Number(r.amountFen) })),
  };
}
