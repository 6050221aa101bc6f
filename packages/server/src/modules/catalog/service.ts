// Catalog use cases: the category tree, the product editor (sanitised description, spec matrix, SKUs),
// bulk on/off sale, and the shop's product feed and product page.
import type { Db, Tx } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import type { ProductStatus } from "../../db/schema/commerce.ts";
import { inTransaction } from "../../db/transaction.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { recordAudit } from "../audit/service.ts";
import { getDistributionSettings, planOf } from "../distribution/settings.ts";
import { findFreightTemplate } from "../freight/repo.ts";
import { moveStock } from "../stock/repo.ts";
import {
  archiveSkus,
  countCategoryUse,
  deleteCategoryRow,
  findCategory,
  findLiveSkus,
  findProduct,
  insertCategory,
  insertProduct,
  insertSku,
  listCategories,
  listProductCards,
  lockProduct,
  type ProductRow,
  type SkuRow,
  setProductsStatus,
  updateCategoryRow,
  updateProductRow,
  updateSkuRow,
} from "./repo.ts";
import { sanitizeDescription } from "./sanitize.ts";
import type { ProductInput, ProductQuery } from "./schemas.ts";
import { checkCommissionRules, checkSkuMatrix } from "./sku-matrix.ts";

type CatalogDeps = { db: Db; now: () => Date };

export async function getCategories(db: Db) {
  return (await listCategories(db)).map(({ createdAt: _, ...c }) => c);
}

export async function createCategory(
  deps: CatalogDeps,
  actor: StaffActor,
  input: { name: string; parentId: number | null; iconUrl: string | null; sort: number },
) {
  return inTransaction(deps.db, async (tx) => {
    if (input.parentId !== null && !(await findCategory(tx, input.parentId))) {
      throw new AppError("CATEGORY_PARENT_INVALID", "The parent category does not exist");
    }
    const { createdAt: _, ...row } = await insertCategory(tx, input);
    await recordAudit(tx, actor, {
      action: "category.create",
      entity: "category",
      entityId: row.id,
      after: row,
    });
    return row;
  });
}

export async function updateCategory(
  deps: CatalogDeps,
  actor: StaffActor,
  id: number,
  input: { name?: string; parentId?: number | null; iconUrl?: string | null; sort?: number },
) {
  return inTransaction(deps.db, async (tx) => {
    const before = await findCategory(tx, id);
    if (!before) throw notFound("Category", { id });
    if (input.parentId != null) {
      // The new parent may not be the category itself or one of its descendants.
      const all = await listCategories(tx);
      for (
        let p: number | null = input.parentId;
        p !== null;
        p = all.find((c) => c.id === p)?.parentId ?? null
      ) {
        if (p === id) throw new AppError("CATEGORY_PARENT_INVALID", "A category cannot sit under itself");
        if (!all.some((c) => c.id === p))
          throw new AppError("CATEGORY_PARENT_INVALID", "The parent category does not exist");
      }
    }
    const { createdAt: _, ...row } = (await updateCategoryRow(tx, id, input))!;
    await recordAudit(tx, actor, {
      action: "category.update",
      entity: "category",
      entityId: id,
      before,
      after: row,
    });
    return row;
  });
}

export async function deleteCategory(deps: CatalogDeps, actor: StaffActor, id: number): Promise<void> {
  await inTransaction(deps.db, async (tx) => {
    const before = await findCategory(tx, id);
    if (!before) throw notFound("Category", { id });
    if ((await countCategoryUse(tx, id)) > 0) {
      throw new AppError("CATEGORY_NOT_EMPTY", "Move its sub-categories and products away first");
    }
    await deleteCategoryRow(tx, id);
    await recordAudit(tx, actor, { action: "category.delete", entity: "category", entityId: id, before });
  });
}

function productView(product: ProductRow, skuRows: SkuRow[]) {
  return {
    ...product,
    skus: skuRows.map((s) => ({
      id: s.id,
      specValues: s.specValues,
      priceFen: s.priceFen,
      originalPriceFen: s.originalPriceFen,
      stock: s.stock,
      code: s.code,
      weightGrams: s.weightGrams,
      imageUrl: s.imageUrl,
      commissionRule: s.commissionRule,
    })),
  };
}

/** A code another product's live SKU holds is refused by the unique index; answer it as the code it is. */
async function skuCodesUnique<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isUniqueViolation(error, "skus_code_key"))
      throw new AppError("SKU_CODE_TAKEN", "Another product's SKU already has this code");
    throw error;
  }
}

async function checkReferences(tx: Tx, input: ProductInput) {
  if (input.categoryId !== null && !(await findCategory(tx, input.categoryId))) {
    throw new AppError("CATEGORY_PARENT_INVALID", "The category does not exist", {
      categoryId: input.categoryId,
    });
  }
  if (input.freightTemplateId !== null && !(await findFreightTemplate(tx, input.freightTemplateId))) {
    throw notFound("Freight template", { id: input.freightTemplateId });
  }
}

function productColumns(input: ProductInput, now: Date) {
  return {
    title: input.title,
    subtitle: input.subtitle,
    categoryId: input.categoryId,
    images: input.images,
    params: input.params,
    descriptionHtml: sanitizeDescription(input.descriptionHtml),
    specAxes: input.specAxes,
    status: input.status,
    sort: input.sort,
    purchaseLimit: input.purchaseLimit,
    kind: input.kind,
    serviceValidDays: input.kind === "service" ? input.serviceValidDays : null,
    freightTemplateId: input.freightTemplateId,
    commissionRule: input.commissionRule,
    updatedAt: now,
  };
}

function skuColumns(sku: ProductInput["skus"][number]) {
  return {
    specValues: sku.specValues,
    priceFen: sku.priceFen,
    originalPriceFen: sku.originalPriceFen,
    code: sku.code,
    weightGrams: sku.weightGrams,
    imageUrl: sku.imageUrl,
    commissionRule: sku.commissionRule,
  };
}

export async function createProduct(deps: CatalogDeps, actor: StaffActor, input: ProductInput) {
  checkSkuMatrix(input);
  checkCommissionRules(input, planOf(await getDistributionSettings(deps.db)));
  return skuCodesUnique(
    inTransaction(deps.db, async (tx) => {
      await checkReferences(tx, input);
      const product = await insertProduct(tx, productColumns(input, deps.now()));
      for (const sku of input.skus) {
        const row = await insertSku(tx, { productId: product.id, ...skuColumns(sku), stock: 0 });
        if (sku.stock > 0)
          await moveStock(tx, { skuId: row.id, delta: sku.stock, reason: "initial", staffId: actor.staffId });
      }
      const view = productView(product, await findLiveSkus(tx, product.id));
      await recordAudit(tx, actor, {
        action: "product.create",
        entity: "product",
        entityId: product.id,
        after: view,
      });
      return view;
    }),
  );
}

export async function updateProduct(deps: CatalogDeps, actor: StaffActor, id: number, input: ProductInput) {
  checkSkuMatrix(input);
  checkCommissionRules(input, planOf(await getDistributionSettings(deps.db)));
  return skuCodesUnique(
    inTransaction(deps.db, async (tx) => {
      const current = await lockProduct(tx, id);
      if (!current) throw notFound("Product", { id });
      await checkReferences(tx, input);
      const existing = await findLiveSkus(tx, id);
      const before = productView(current, existing);
      // Archive first so a code can move from a removed SKU to a new one.
      const keptIds = new Set(input.skus.flatMap((s) => (s.id ? [s.id] : [])));
      await archiveSkus(
        tx,
        existing.filter((s) => !keptIds.has(s.id)).map((s) => s.id),
      );
      for (const sku of input.skus) {
        if (sku.id !== undefined) {
          if (!existing.some((s) => s.id === sku.id)) {
            throw new AppError("SPEC_MATRIX_INVALID", "A SKU id does not belong to this product", {
              skuId: sku.id,
            });
          }
          await updateSkuRow(tx, sku.id, skuColumns(sku));
        } else {
          const row = await insertSku(tx, { productId: id, ...skuColumns(sku), stock: 0 });
          if (sku.stock > 0)
            await moveStock(tx, {
              skuId: row.id,
              delta: sku.stock,
              reason: "initial",
              staffId: actor.staffId,
            });
        }
      }
      const product = (await updateProductRow(tx, id, productColumns(input, deps.now())))!;
      const after = productView(product, await findLiveSkus(tx, id));
      await recordAudit(tx, actor, {
        action: "product.update",
        entity: "product",
        entityId: id,
        before,
        after,
      });
      return after;
    }),
  );
}

export async function setProductStatus(
  deps: CatalogDeps,
  actor: StaffActor,
  ids: number[],
  status: ProductStatus,
) {
  return inTransaction(deps.db, async (tx) => {
    const changed = await setProductsStatus(tx, ids, status, deps.now());
    await recordAudit(tx, actor, {
      action: "product.status",
      entity: "product",
      before: changed,
      after: { ids: changed.map((r) => r.id), status },
    });
    return { updated: changed.length };
  });
}

export async function getProductForStaff(db: Db, id: number) {
  const product = await findProduct(db, id);
  if (!product) throw notFound("Product", { id });
  return productView(product, await findLiveSkus(db, id));
}

/** The shop's product page: drafts do not exist for shoppers; off-sale products show as such. */
export async function getProductForShopper(db: Db, id: number) {
  const product = await findProduct(db, id);
  if (!product || product.status === "draft") throw notFound("Product", { id });
  return productView(product, await findLiveSkus(db, id));
}

export async function listProducts(db: Db, query: ProductQuery, audience: "shopper" | "staff") {
  const statuses: ProductStatus[] | null =
    audience === "shopper" ? ["on_sale"] : query.status ? [query.status] : null;
  let categoryIds: number[] | null = null;
  if (query.categoryId !== undefined) {
    // A category page shows its sub-categories' products too.
    const all = await listCategories(db);
    categoryIds = [query.categoryId];
    for (let i = 0; i < categoryIds.length; i++) {
      categoryIds.push(...all.filter((c) => c.parentId === categoryIds![i]).map((c) => c.id));
    }
  }
  const [sort, lastId] = query.cursor ? query.cursor.split("_").map(Number) : [];
  const rows = await listProductCards(db, {
    statuses,
    categoryIds,
    q: query.q,
    after: sort !== undefined && lastId !== undefined ? { sort, id: lastId } : null,
    limit: query.limit,
  });
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? `${last.sort}_${last.id}` : null };
}

/** The shop's cards of these products that are on sale, in the order of `ids` (a storefront's picks). */
export async function listOnSaleCardsByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await listProductCards(db, {
    statuses: ["on_sale"],
    categoryIds: null,
    q: undefined,
    ids,
    after: null,
    limit: ids.length,
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
