// Freight template queries, and their mapping to the domain's FreightTemplate for pricing.
import { type FreightTemplate, fen } from "@liebian/domain";
import { asc, count, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { type FreightRuleJson, freightTemplates, products } from "../../db/schema/commerce.ts";

export type FreightTemplateRow = typeof freightTemplates.$inferSelect;

export async function listFreightTemplates(db: Executor): Promise<FreightTemplateRow[]> {
  return db.select().from(freightTemplates).orderBy(asc(freightTemplates.id));
}

export async function findFreightTemplate(db: Executor, id: number): Promise<FreightTemplateRow | null> {
  const [row] = await db.select().from(freightTemplates).where(eq(freightTemplates.id, id));
  return row ?? null;
}

export async function insertFreightTemplate(db: Executor, values: typeof freightTemplates.$inferInsert) {
  const [row] = await db.insert(freightTemplates).values(values).returning();
  return row!;
}

export async function updateFreightTemplateRow(
  db: Executor,
  id: number,
  values: Partial<typeof freightTemplates.$inferInsert>,
) {
  const [row] = await db.update(freightTemplates).set(values).where(eq(freightTemplates.id, id)).returning();
  return row ?? null;
}

export async function deleteFreightTemplateRow(db: Executor, id: number): Promise<void> {
  await db.delete(freightTemplates).where(eq(freightTemplates.id, id));
}

export async function countProductsUsing(db: Executor, id: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(products).where(eq(products.freightTemplateId, id));
  return row?.n ?? 0;
}

const toRule = (r: FreightRuleJson) => ({
  ...r,
  firstFeeFen: fen(r.firstFeeFen),
  additionalFeeFen: fen(r.additionalFeeFen),
});

/** A template as the domain prices it (ids as strings); checkout reads the rows (orders/repo.ts). */
export function domainFreightTemplate(
  t: Pick<
    FreightTemplateRow,
    "id" | "mode" | "defaultRule" | "regionRules" | "freeOverFen" | "freeOverPieces"
  >,
): FreightTemplate {
  return {
    id: String(t.id),
    mode: t.mode,
    default: toRule(t.defaultRule),
    regionRules: t.regionRules.map((r) => ({ regionCodes: r.regionCodes, rule: toRule(r.rule) })),
    freeOverFen: t.freeOverFen === null ? null : fen(t.freeOverFen),
    freeOverPieces: t.freeOverPieces,
  };
}
