// Catalog queries: categories, products with their SKUs, and the paged product lists.
import { and, asc, count, desc, eq, getTableColumns, ilike, inArray, or, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { categories, type ProductStatus, products, skus } from "../../db/schema/commerce.ts";

export type CategoryRow = typeof categories.$inferSelect;
export type ProductRow = typeof products.$inferSelect;
export type SkuRow = typeof skus.$inferSelect;

export async function listCategories(db: Executor): Promise<CategoryRow[]> {
  return db.select().from(categories).orderBy(asc(categories.sort), asc(categories.id));
}

export async function findCategory(db: Executor, id: number): Promise<CategoryRow | null> {
  const [row] = await db.select().from(categories).where(eq(categories.id, id));
  return row ?? null;
}

export async function insertCategory(
  db: Executor,
  values: typeof categories.$inferInsert,
): Promise<CategoryRow> {
  const [row] = await db.insert(categories).values(values).returning();
  return row!;
}

export async function updateCategoryRow(
  db: Executor,
  id: number,
  values: Partial<typeof categories.$inferInsert>,
) {
  const [row] = await db.update(categories).set(values).where(eq(categories.id, id)).returning();
  return row ?? null;
}

export async function deleteCategoryRow(db: Executor, id: number): Promise<void> {
  await db.delete(categories).where(eq(categories.id, id));
}

export async function countCategoryUse(db: Executor, id: number): Promise<number> {
  const [children] = await db.select({ n: count() }).from(categories).where(eq(categories.parentId, id));
  const [items] = await db.select({ n: count() }).from(products).where(eq(products.categoryId, id));
  return (children?.n ?? 0) + (items?.n ?? 0);
}

/** Units sold: the product row's count plus its slot rows (product_sales_slots). */
const salesCount =
  sql<number>`(${products.salesCount} + coalesce((select sum(s.quantity) from product_sales_slots s
  where s.product_id = ${products.id}), 0))::int`.mapWith(Number);

export async function findProduct(db: Executor, id: number): Promise<ProductRow | null> {
  const [row] = await db
    .select({ ...getTableColumns(products), salesCount })
    .from(products)
    .where(eq(products.id, id));
  return row ?? null;
}

export async function lockProduct(db: Executor, id: number): Promise<ProductRow | null> {
  const [row] = await db.select().from(products).where(eq(products.id, id)).for("update");
  return row ?? null;
}

export async function findLiveSkus(db: Executor, productId: number): Promise<SkuRow[]> {
  return db
    .select()
    .from(skus)
    .where(and(eq(skus.productId, productId), eq(skus.archived, false)))
    .orderBy(asc(skus.id));
}

export async function insertProduct(db: Executor, values: typeof products.$inferInsert): Promise<ProductRow> {
  const [row] = await db.insert(products).values(values).returning();
  return row!;
}

export async function updateProductRow(
  db: Executor,
  id: number,
  values: Partial<typeof products.$inferInsert>,
) {
  const [row] = await db.update(products).set(values).where(eq(products.id, id)).returning();
  return row ?? null;
}

export async function insertSku(db: Executor, values: typeof skus.$inferInsert): Promise<SkuRow> {
  const [row] = await db.insert(skus).values(values).returning();
  return row!;
}

export async function updateSkuRow(db: Executor, id: number, values: Partial<typeof skus.$inferInsert>) {
  await db.update(skus).set(values).where(eq(skus.id, id));
}

export async function archiveSkus(db: Executor, ids: number[]): Promise<void> {
  if (ids.length > 0) await db.update(skus).set({ archived: true }).where(inArray(skus.id, ids));
}

/** Sets the status of the given products; returns each changed product with the status it had before. */
export async function setProductsStatus(db: Executor, ids: number[], status: ProductStatus, at: Date) {
  const before = await db
    .select({ id: products.id, status: products.status })
    .from(products)
    .where(inArray(products.id, ids))
    .orderBy(products.id)
    .for("update");
  if (before.length === 0) return [];
  await db.update(products).set({ status, updatedAt: at }).where(inArray(products.id, ids));
  return before;
}

export type ProductListFilter = {
  statuses: ProductStatus[] | null;
  categoryIds: number[] | null;
  q: string | undefined;
  /** Only these products (a distributor's storefront picks). */
  ids?: number[] | undefined;
  /** Cursor "sort_id" of the last card of the previous page. */
  after: { sort: number; id: number } | null;
  limit: number;
};

/** Product cards ordered by sort (high first) then id (new first), with price range and total stock. */
export async function listProductCards(db: Executor, f: ProductListFilter) {
  const liveSkus = db
    .select({
      productId: skus.productId,
      priceFen: sql<number>`min(${skus.priceFen})`.mapWith(Number).as("price_fen"),
      originalPriceFen: sql<number | null>`min(${skus.originalPriceFen})`
        .mapWith(Number)
        .as("original_price_fen"),
      stock: sql<number>`sum(${skus.stock})`.mapWith(Number).as("stock"),
    })
    .from(skus)
    .where(eq(skus.archived, false))
    .groupBy(skus.productId)
    .as("live_skus");
  const escaped = f.q?.replace(/[\\%_]/g, (c) => `\\${c}`);
  return db
    .select({
      id: products.id,
      title: products.title,
      subtitle: products.subtitle,
      imageUrl: sql<string | null>`${products.images}->>0`,
      status: products.status,
      categoryId: products.categoryId,
      sort: products.sort,
      priceFen: sql<number>`coalesce(${liveSkus.priceFen}, 0)`.mapWith(Number),
      originalPriceFen: liveSkus.originalPriceFen,
      stock: sql<number>`coalesce(${liveSkus.stock}, 0)`.mapWith(Number),
      salesCount,
    })
    .from(products)
    .leftJoin(liveSkus, eq(liveSkus.productId, products.id))
    .where(
      and(
        f.statuses ? inArray(products.status, f.statuses) : undefined,
        f.categoryIds ? inArray(products.categoryId, f.categoryIds) : undefined,
        f.ids ? inArray(products.id, f.ids) : undefined,
        escaped ? ilike(products.title, `%${escaped}%`) : undefined,
        f.after
          ? or(
              sql`${products.sort} < ${f.after.sort}`,
              and(eq(products.sort, f.after.sort), sql`${products.id} < ${f.after.id}`),
            )
          : undefined,
      ),
    )
    .orderBy(desc(products.sort), desc(products.id))
    .limit(f.limit + 1);
}
