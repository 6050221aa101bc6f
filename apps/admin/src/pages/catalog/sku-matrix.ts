// Spec axes → SKU rows: every combination of axis values is one SKU; editing the axes keeps the rows that still exist.

export type SpecAxis = { name: string; values: string[] };
export type SkuRow = {
  /** The combination's values joined, e.g. "M|红"; "" for a product without specs. */
  key: string;
  id?: number;
  specValues: string[];
  priceFen: number | null;
  originalPriceFen: number | null;
  stock: number;
  code: string | null;
  weightGrams: number;
  imageUrl: string | null;
  commissionRule: unknown;
};

export function skuKey(specValues: string[]): string {
  return specValues.join("|");
}

export function combinations(axes: SpecAxis[]): string[][] {
  return axes.reduce<string[][]>(
    (rows, axis) => rows.flatMap((row) => axis.values.map((value) => [...row, value])),
    [[]],
  );
}

export function emptySku(specValues: string[]): SkuRow {
  return {
    key: skuKey(specValues),
    specValues,
    priceFen: null,
    originalPriceFen: null,
    stock: 0,
    code: null,
    weightGrams: 0,
    imageUrl: null,
    commissionRule: null,
  };
}

/** The rows for these axes: existing rows kept by combination, new combinations empty (prices copied from the first row). */
export function rebuildSkus(axes: SpecAxis[], old: SkuRow[]): SkuRow[] {
  const usable = axes.filter((a) => a.name.trim() && a.values.length > 0);
  const template = old[0];
  return combinations(usable).map((specValues) => {
    const existing = old.find((row) => row.key === skuKey(specValues));
    if (existing) return existing;
    return {
      ...emptySku(specValues),
      priceFen: template?.priceFen ?? null,
      originalPriceFen: template?.originalPriceFen ?? null,
      weightGrams: template?.weightGrams ?? 0,
    };
  });
}
