// Grade rows and the facts a grade's tasks count (refunded orders excluded).
import { asc, eq, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { distributorGrades } from "../../db/schema/distribution.ts";

export type GradeRow = typeof distributorGrades.$inferSelect;

export async function findGrades(db: Executor): Promise<GradeRow[]> {
  return db.select().from(distributorGrades).orderBy(asc(distributorGrades.rank));
}

export async function insertGrade(db: Executor, row: typeof distributorGrades.$inferInsert) {
  const [inserted] = await db.insert(distributorGrades).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

export async function updateGrade(db: Executor, id: number, values: Partial<GradeRow>) {
  const [row] = await db
    .update(distributorGrades)
    .set(values)
    .where(eq(distributorGrades.id, id))
    .returning();
  return row ?? null;
}

/** Deletes the grade and returns the row as it was, or null when there was none. */
export async function deleteGrade(db: Executor, id: number): Promise<GradeRow | null> {
  const rows = await db.delete(distributorGrades).where(eq(distributorGrades.id, id)).returning();
  return rows[0] ?? null;
}

export async function findGradeStats(db: Executor, userId: number) {
  const [row] = await queryRows<{
    invites: number;
    ownSpend: number;
    ownCount: number;
    downSpend: number;
    downCount: number;
    settled: number;
    products: string[] | null;
  }>(
    db,
    sql`with own as (select id, payable_fen - refunded_fen as net from orders
                     where buyer_user_id = ${userId} and paid_at is not null and status <> 'refunded'),
             down as (select o.id, o.payable_fen - o.refunded_fen as net from orders o
                      join referral_bindings b on b.user_id = o.buyer_user_id
                      where b.upline_user_id = ${userId} and o.paid_at is not null and o.status <> 'refunded')
        select (select count(distinct b.user_id) from referral_bindings b join orders o on o.buyer_user_id = b.user_id
                where b.upline_user_id = ${userId} and o.status = 'completed')::int as invites,
               (select coalesce(sum(net), 0) from own)::bigint as "ownSpend",
               (select count(*) from own)::int as "ownCount",
               (select coalesce(sum(net), 0) from down)::bigint as "downSpend",
               (select count(*) from down)::int as "downCount",
               (select coalesce(sum(amount_fen - clawed_back_fen), 0) from commissions
                where earner_user_id = ${userId} and status = 'settled')::bigint as settled,
               (select array_agg(distinct i.product_id::text) from order_items i join own on own.id = i.order_id) as products`,
  );
  return {
    invitesWhoBought: row!.invites,
    ownSpendFen: Number(row!.ownSpend),
    ownOrderCount: row!.ownCount,
    downlineSpendFen: Number(row!.downSpend),
    downlineOrderCount: row!.downCount,
    settledCommissionFen: Number(row!.settled),
    boughtProductIds: row!.products ?? [],
  };
}

export type InviteeOrder = {
  orderNo: string;
  nickname: string;
  status: string;
  payableFen: number;
  placedAt: Date;
  /** Only completed orders (received and past the after-sale window) count toward "friends who bought". */
  counts: boolean;
};

/** The direct invitees' latest paid orders, so the grade page can show which count toward the invite task. */
export async function findInviteeOrders(db: Executor, userId: number, limit = 10): Promise<InviteeOrder[]> {
  const rows = await queryRows<InviteeOrder & { payableFen: number | string; placedAt: Date | string }>(
    db,
    sql`select o.order_no as "orderNo", u.nickname, o.status, o.payable_fen as "payableFen", o.placed_at as "placedAt",
               (o.status = 'completed') as counts
        from referral_bindings b
        join orders o on o.buyer_user_id = b.user_id
        join users u on u.id = b.user_id
        where b.upline_user_id = ${userId} and o.paid_at is not null
        order by o.placed_at desc limit ${limit}`,
  );
  return rows.map((r) => ({ ...r, payableFen: Number(r.payableFen), placedAt: new Date(r.placedAt) }));
}
