// A shopper's shipping addresses: region codes must nest in the bundled list; nobody sees or uses another's.
import type { Db } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import { AppError } from "../../errors/app-error.ts";
import { resolveRegion } from "../../lib/regions.ts";
import {
  clearOtherDefaults,
  deleteOwnAddress,
  insertAddress,
  listAddresses,
  updateOwnAddress,
} from "./repo.ts";

export type AddressInput = {
  name: string;
  phone: string;
  provinceCode: string;
  cityCode: string;
  districtCode: string;
  detail: string;
  isDefault: boolean;
};

function regionTextOf(input: AddressInput): string {
  const region = resolveRegion(input.provinceCode, input.cityCode, input.districtCode);
  if (!region)
    throw new AppError("REGION_INVALID", "The province, city and district do not match the region list");
  return region.text;
}

export function addressNotFound(id: number) {
  return new AppError("ADDRESS_NOT_FOUND", "No such address in your address book", { id });
}

export async function getAddresses(db: Db, userId: number) {
  return listAddresses(db, userId);
}

export async function createAddress(db: Db, userId: number, input: AddressInput) {
  const regionText = regionTextOf(input);
  return inTransaction(db, async (tx) => {
    const first = (await listAddresses(tx, userId)).length === 0;
    const row = await insertAddress(tx, {
      ...input,
      regionText,
      userId,
      isDefault: input.isDefault || first,
    });
    if (row.isDefault) await clearOtherDefaults(tx, userId, row.id);
    return row;
  });
}

export async function updateAddress(db: Db, userId: number, id: number, input: AddressInput) {
  const regionText = regionTextOf(input);
  return inTransaction(db, async (tx) => {
    const row = await updateOwnAddress(tx, userId, id, { ...input, regionText });
    if (!row) throw addressNotFound(id);
    if (row.isDefault) await clearOtherDefaults(tx, userId, row.id);
    return row;
  });
}

export async function deleteAddress(db: Db, userId: number, id: number): Promise<void> {
  if (!(await deleteOwnAddress(db, userId, id))) throw addressNotFound(id);
}
