// Looks addresses up in the bundled region list: a district must belong to its city and the city to its province.
import { REGION_TREE, type RegionNode } from "./regions-data.ts";

export type Region = { code: string; name: string; children: Region[] };
export type ResolvedRegion = { provinceName: string; cityName: string; districtName: string; text: string };

function toRegion([code, name, children = []]: RegionNode): Region {
  return { code, name, children: children.map(toRegion) };
}

/** The whole tree, for the address picker. */
export const regions: Region[] = REGION_TREE.map(toRegion);

/** Names of a province/city/district triple, or null when the codes do not nest. */
export function resolveRegion(
  provinceCode: string,
  cityCode: string,
  districtCode: string,
): ResolvedRegion | null {
  const province = regions.find((r) => r.code === provinceCode);
  const city = province?.children.find((r) => r.code === cityCode);
  const district = city?.children.find((r) => r.code === districtCode);
  if (!province || !city || !district) return null;
  // Municipalities repeat their name at city level; the address reads "北京市 东城区".
  const parts =
    province.name === city.name ? [province.name, district.name] : [province.name, city.name, district.name];
  return {
    provinceName: province.name,
    cityName: city.name,
    districtName: district.name,
    text: parts.join(" "),
  };
}
