// Storefront rows: the distributor's page and their picks in order, and the public read of both.
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";

export type StorefrontRow = { name: string; coverUrl: string | null; greeting: string };

export async function findStorefront(db: Executor, userId: number): Promise<StorefrontRow | null> {
  const [row] = await queryRows<StorefrontRow>(
    db,
    sql`select name, cover_url as "coverUrl", greeting from storefronts where user_id = ${userId}`,
  );
  return row ?? null;
}

export async function upsertStorefront(db: Executor, userId: number, page: StorefrontRow, now: Date) {
  await db.execute(
    sql`insert into storefronts (user_id, name, cover_url, greeting, updated_at)
        values (${userId}, ${page.name}, ${page.coverUrl}, ${page.greeting}, ${now.toISOString()})
        on conflict (user_id) do update set name = excluded.name, cover_url = excluded.cover_url,
          greeting = excluded.greeting, updated_at = excluded.updated_at`,
  );
}

export async function findPickIds(db: Executor, userId: number): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select product_id as id from storefront_products where user_id = ${userId} order by position`,
  );
  return rows.map((r) => Number(r.id));
}

export async function replacePicks(db: Executor, userId: number, productIds: number[], now: Date) {
  await db.execute(sql`delete from storefront_products where user_id = ${userId}`);
  if (productIds.length === 0) return;
  await db.execute(
    sql`insert into storefront_products (user_id, product_id, position, added_at) values ${sql.join(
      productIds.map((id, i) => sql`(${userId}, ${id}, ${i}, ${now.toISOString()})`),
      sql`, `,
    )}`,
  );
}

/** Which of these products exist and are on sale. */
export async function findOnSaleIds(db: Executor, productIds: number[]): Promise<Set<number>> {
  if (productIds.length === 0) return new Set();
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select id from products where status = 'on_sale' and id in (${sql.join(
      productIds.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  return new Set(rows.map((r) => Number(r.id)));
}

/** One page of a storefront's on-sale picks after `afterPosition`, in the distributor's order. */
export async function findPickPage(db: Executor, userId: number, afterPosition: number, limit: number) {
  const rows = await queryRows<{ id: number; position: number }>(
    db,
    sql`select s.product_id as id, s.position from storefront_products s join products p on p.id = s.product_id
        where s.user_id = ${userId} and s.position >= ${afterPosition} and p.status = 'on_sale'
        order by s.position limit ${limit}`,
  );
  return rows.map((r) => ({ id: Number(r.id), position: Number(r.position) }));
}

export async function countOnSalePicks(db: Executor, userId: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*) as n from storefront_products s join products p on p.id = s.product_id
        where s.user_id = ${userId} and p.status = 'on_sale'`,
  );
  return Number(row?.n ?? 0);
}
