// Which spec values can still be chosen: a value is open when some in-stock SKU has it and agrees with
// every value already chosen on the other axes; the SKU is known once every axis has a value.
import type { Product, Sku } from "./types.ts";

export type Choice = (string | null)[];

export function isValueOpen(product: Product, choice: Choice, axis: number, value: string): boolean {
  return product.skus.some(
    (sku) =>
      sku.stock > 0 &&
      sku.specValues[axis] === value &&
      choice.every((chosen, other) => other === axis || chosen === null || sku.specValues[other] === chosen),
  );
}

export function skuOf(product: Product, choice: Choice): Sku | null {
  if (choice.some((value) => value === null)) return null;
  return product.skus.find((sku) => sku.specValues.every((value, axis) => value === choice[axis])) ?? null;
}

/** A product without axes (or with one SKU in stock on every axis) starts with that SKU chosen. */
export function initialChoice(product: Product): Choice {
  if (product.specAxes.length === 0) return [];
  const inStock = product.skus.filter((sku) => sku.stock > 0);
  if (inStock.length === 1) return [...inStock[0]!.specValues];
  return product.specAxes.map(() => null);
}

export function priceRange(product: Product): { min: number; max: number } {
  const prices = product.skus.map((sku) => sku.priceFen);
  return { min: Math.min(...prices), max: Math.max(...prices) };
}
