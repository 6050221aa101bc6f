// Issue 9 item 4: the region list is the whole country (every province has its cities, every city its
// districts), an address must name a province, city and district that nest, freight rules pick from the
// same list, and addresses saved under the old partial list keep working.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { queryRows } from "../../src/db/client.ts";
import { startTestApp } from "../support/test-app.ts";

const ctx = await startTestApp();
const { client, deps } = ctx;
const owner = await client.loginOwner();
const shopper = await client.registerShopper();

type Node = { code: string; name: string; children?: Node[] };
const list = await client.get<Node[]>("/api/v1/regions");
const provinces = list.body;
const find = (nodes: Node[] | undefined, name: string) => nodes?.find((n) => n.name === name);

describe("the national list", () => {
  test("34 provincial-level divisions, each with cities, each city with districts, codes nesting", () => {
    expect(list.status).toBe(200);
    expect(list.headers["cache-control"]).toContain("max-age");
    expect(provinces).toHaveLength(34);
    let districts = 0;
    for (const province of provinces) {
      expect(province.code, province.name).toMatch(/^\d{2}0000$/);
      expect(province.children!.length, `${province.name} has cities`).toBeGreaterThan(0);
      for (const city of province.children!) {
        expect(city.code.slice(0, 2), city.name).toBe(province.code.slice(0, 2));
        expect(city.children!.length, `${province.name} ${city.name} has districts`).toBeGreaterThan(0);
        for (const district of city.children!) expect(district.code.slice(0, 4)).toBe(city.code.slice(0, 4));
        districts += city.children!.length;
      }
    }
    expect(districts).toBeGreaterThan(2800);
  });

  test("Beijing has all 16 districts and Guangdong all 21 cities (the old list had 4 and 2)", () => {
    const beijing = find(provinces, "北京市")!;
    expect(beijing.children).toHaveLength(1);
    expect(beijing.children![0]!.children).toHaveLength(16);
    expect(find(provinces, "广东省")!.children).toHaveLength(21);
    expect(
      find(find(provinces, "新疆维吾尔自治区")!.children, "自治区直辖县级行政区划")!.children!.length,
    ).toBeGreaterThan(5);
  });
});

const address = (codes: Record<string, string | undefined>) => ({
  name: "林小姐",
  phone: "13912340000",
  detail: "某路 1 号",
  ...codes,
});

describe("an address names a province, city and district of the list", () => {
  test.each([
    { label: "a municipality", codes: ["110000", "110100", "110105"], text: "北京市 朝阳区" },
    { label: "a Chongqing county", codes: ["500000", "500200", "500229"], text: "重庆市 城口县" },
    {
      label: "a county-level city under its province",
      codes: ["420000", "429000", "429004"],
      text: "湖北省 仙桃市",
    },
    { label: "a prefecture city", codes: ["440000", "440300", "440305"], text: "广东省 深圳市 南山区" },
    { label: "a town of Dongguan", codes: ["440000", "441900", "441903"], text: "广东省 东莞市 南城街道" },
  ])("$label reads $text", async ({ codes: [provinceCode, cityCode, districtCode], text }) => {
    const res = await client.post(
      "/api/v1/addresses",
      address({ provinceCode, cityCode, districtCode }),
      shopper.token,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.regionText).toBe(text);
  });

  test("without a region, or with part of one, it is refused with 422", async () => {
    const before = (await client.get("/api/v1/addresses", shopper.token)).body.length;
    for (const codes of [
      {},
      { provinceCode: "440000" },
      { provinceCode: "440000", cityCode: "440300" },
      { provinceCode: "", cityCode: "", districtCode: "" },
    ]) {
      const res = await client.post("/api/v1/addresses", address(codes), shopper.token);
      expect(res.status, JSON.stringify(codes)).toBe(422);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
    const mismatched = await client.post(
      "/api/v1/addresses",
      address({ provinceCode: "440000", cityCode: "110100", districtCode: "110101" }),
      shopper.token,
    );
    expect(mismatched.status).toBe(422);
    expect(mismatched.body.error.code).toBe("REGION_INVALID");
    expect((await client.get("/api/v1/addresses", shopper.token)).body).toHaveLength(before);
  });
});

describe("freight rules choose from the same list", () => {
  const template = (regionCodes: string[]) => ({
    name: "分区运费",
    mode: "by_piece",
    defaultRule: { firstUnits: 1, firstFeeFen: 800, additionalUnits: 1, additionalFeeFen: 0 },
    regionRules: [
      { regionCodes, rule: { firstUnits: 1, firstFeeFen: 2000, additionalUnits: 1, additionalFeeFen: 0 } },
    ],
  });

  test("a province or a city from anywhere in the list is accepted; an unknown code is refused", async () => {
    const ok = await client.post(
      "/api/admin/v1/freight-templates",
      template(["650000", "440300", "469000"]),
      owner,
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const bad = await client.post("/api/admin/v1/freight-templates", template(["440000", "999900"]), owner);
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("REGION_INVALID");
    expect(bad.body.error.details.unknown).toEqual(["999900"]);
  });
});

describe("addresses saved under the old list keep working", () => {
  test("the migration moves Macao's old parish codes; the address then edits with its codes", async () => {
    const migration = fs.readFileSync(
      path.join(path.dirname(fileURLToPath(import.meta.url)), "../../drizzle/0011_full_region_list.sql"),
      "utf8",
    );
    const [row] = await queryRows<{ id: number }>(
      deps.db,
      sql`insert into addresses (user_id, name, phone, province_code, city_code, district_code, region_text, detail)
          values (${shopper.userId}, '何先生', '13912340001', '820000', '820100', '820101', '澳门特别行政区 澳门 花地玛堂区', '某街 2 号')
          returning id`,
    );
    for (const statement of migration.split("--> statement-breakpoint"))
      await deps.db.execute(sql.raw(statement));
    const saved = (
      await client.get<Array<Record<string, unknown>>>("/api/v1/addresses", shopper.token)
    ).body.find((a) => a.id === row!.id)!;
    expect(saved).toMatchObject({ districtCode: "820102", regionText: "澳门特别行政区 澳门 花地玛堂区" });
    const { id: _id, regionText: _text, isDefault: _default, ...fields } = saved;
    const edited = await client.put(
      `/api/v1/addresses/${row!.id}`,
      { ...fields, isDefault: false, detail: "某街 3 号" },
      shopper.token,
    );
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.regionText).toBe("澳门特别行政区 澳门半岛 花地玛堂区");
  });
});
