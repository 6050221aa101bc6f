// Freight template management; a template still used by a product cannot be deleted.
import type { Db } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { isProvinceOrCity } from "../../lib/regions.ts";
import { recordAudit } from "../audit/service.ts";
import {
  countProductsUsing,
  deleteFreightTemplateRow,
  findFreightTemplate,
  insertFreightTemplate,
  listFreightTemplates,
  updateFreightTemplateRow,
} from "./repo.ts";
import type { FreightTemplateInput } from "./schemas.ts";

type FreightDeps = { db: Db; now: () => Date };

/** A regional rule names provinces or cities of the national list; anything else would never match. */
function assertKnownRegions(input: FreightTemplateInput): void {
  const unknown = input.regionRules.flatMap((r) => r.regionCodes).filter((code) => !isProvinceOrCity(code));
  if (unknown.length > 0)
    throw new AppError("REGION_INVALID", "A regional rule names a code that is no province or city", {
      unknown,
    });
}

export async function getFreightTemplates(db: Db) {
  return listFreightTemplates(db);
}

export async function createFreightTemplate(
  deps: FreightDeps,
  actor: StaffActor,
  input: FreightTemplateInput,
) {
  assertKnownRegions(input);
  return inTransaction(deps.db, async (tx) => {
    const row = await insertFreightTemplate(tx, { ...input, updatedAt: deps.now() });
    await recordAudit(tx, actor, {
      action: "freight.create",
      entity: "freight_template",
      entityId: row.id,
      after: row,
    });
    return row;
  });
}

export async function updateFreightTemplate(
  deps: FreightDeps,
  actor: StaffActor,
  id: number,
  input: FreightTemplateInput,
) {
  assertKnownRegions(input);
  return inTransaction(deps.db, async (tx) => {
    const before = await findFreightTemplate(tx, id);
    if (!before) throw notFound("Freight template", { id });
    const row = (await updateFreightTemplateRow(tx, id, { ...input, updatedAt: deps.now() }))!;
    await recordAudit(tx, actor, {
      action: "freight.update",
      entity: "freight_template",
      entityId: id,
      before,
      after: row,
    });
    return row;
  });
}

export async function deleteFreightTemplate(deps: FreightDeps, actor: StaffActor, id: number): Promise<void> {
  await inTransaction(deps.db, async (tx) => {
    const before = await findFreightTemplate(tx, id);
    if (!before) throw notFound("Freight template", { id });
    if ((await countProductsUsing(tx, id)) > 0) {
      throw new AppError("FREIGHT_TEMPLATE_IN_USE", "Products still ship with this template");
    }
    await deleteFreightTemplateRow(tx, id);
    await recordAudit(tx, actor, {
      action: "freight.delete",
      entity: "freight_template",
      entityId: id,
      before,
    });
  });
}
