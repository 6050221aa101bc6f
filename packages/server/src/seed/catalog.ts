// The demo catalog a newcomer sees: a category tree (服装 → 男装 → 衬衫, 生鲜水果, 美妆护肤, 精选好物),
// eight products with specs and SKUs, pictures from assets/demo served at /demo/*, and one freight
// template (¥8, free over ¥50). Includes the products of the seed documents: a ¥100 gift box, the ¥299
// serum (¥30 / ¥10 per bottle to levels 1 and 2) and the ¥999 online course (15% to level 1).
import type { Db } from "../db/client.ts";
import type { SpecAxis } from "../db/schema/commerce.ts";
import { inTransaction } from "../db/transaction.ts";
import { insertCategory, insertProduct, insertSku } from "../modules/catalog/repo.ts";
import { insertFreightTemplate } from "../modules/freight/repo.ts";
import { moveStock } from "../modules/stock/repo.ts";

type DemoSku = {
  specValues?: string[];
  priceFen: number;
  originalPriceFen?: number;
  stock: number;
  weightGrams: number;
  code: string;
};
type DemoProduct = {
  category: string;
  title: string;
  subtitle: string;
  image: string;
  params: { key: string; value: string }[];
  specAxes?: SpecAxis[];
  skus: DemoSku[];
  shipped: boolean;
  purchaseLimit?: number;
  commissionRule?: unknown;
  sort: number;
};

const products: DemoProduct[] = [
  {
    category: "衬衫",
    title: "牛津纺长袖衬衫",
    subtitle: "免烫抗皱，通勤百搭",
    image: "shirt",
    params: [
      { key: "面料", value: "100% 棉" },
      { key: "版型", value: "修身" },
    ],
    specAxes: [
      { name: "尺码", values: ["M", "L", "XL"] },
      { name: "颜色", values: ["白", "蓝"] },
    ],
    skus: ["M", "L", "XL"].flatMap((size, i) =>
      ["白", "蓝"].map((color, j) => ({
        specValues: [size, color],
        priceFen: 12900,
        originalPriceFen: 19900,
        stock: 20 + i * 5 + j,
        weightGrams: 300,
        code: `SHIRT-${size}-${j === 0 ? "W" : "B"}`,
      })),
    ),
    shipped: true,
    sort: 90,
  },
  {
    category: "男装",
    title: "纯棉圆领T恤",
    subtitle: "新疆长绒棉，不起球",
    image: "tshirt",
    params: [{ key: "面料", value: "精梳棉" }],
    specAxes: [{ name: "尺码", values: ["M", "L", "XL"] }],
    skus: ["M", "L", "XL"].map((size) => ({
      specValues: [size],
      priceFen: 5900,
      stock: 50,
      weightGrams: 200,
      code: `TEE-${size}`,
    })),
    shipped: true,
    sort: 80,
  },
  {
    category: "生鲜水果",
    title: "烟台红富士苹果",
    subtitle: "脆甜多汁，产地直发",
    image: "apple",
    params: [
      { key: "产地", value: "山东烟台" },
      { key: "储存", value: "冷藏" },
    ],
    specAxes: [{ name: "规格", values: ["5斤装", "10斤装"] }],
    skus: [
      {
        specValues: ["5斤装"],
        priceFen: 3990,
        originalPriceFen: 4990,
        stock: 100,
        weightGrams: 2500,
        code: "APPLE-5",
      },
      {
        specValues: ["10斤装"],
        priceFen: 6990,
        originalPriceFen: 8990,
        stock: 60,
        weightGrams: 5000,
        code: "APPLE-10",
      },
    ],
    shipped: true,
    sort: 100,
  },
  {
    category: "生鲜水果",
    title: "海南金煌芒果",
    subtitle: "树上熟，香甜软糯",
    image: "mango",
    params: [{ key: "产地", value: "海南三亚" }],
    skus: [{ priceFen: 4990, stock: 80, weightGrams: 2500, code: "MANGO-5" }],
    shipped: true,
    sort: 70,
  },
  {
    category: "美妆护肤",
    title: "抗衰老护肤精华",
    subtitle: "小众品牌新品，30ml",
    image: "serum",
    params: [
      { key: "容量", value: "30ml" },
      { key: "适用肤质", value: "所有肤质" },
    ],
    skus: [{ priceFen: 29900, stock: 200, weightGrams: 150, code: "SERUM-30" }],
    shipped: true,
    commissionRule: { kind: "fixed", fenPerUnit: [3000, 1000, 0] },
    sort: 95,
  },
  {
    category: "精选好物",
    title: "限时特惠礼盒",
    subtitle: "原价 ¥100 的人气礼盒",
    image: "giftbox",
    params: [{ key: "内含", value: "零食 6 件" }],
    skus: [{ priceFen: 10000, stock: 100, weightGrams: 800, code: "GIFT-100" }],
    shipped: true,
    sort: 85,
  },
  {
    category: "精选好物",
    title: "智能运动手环",
    subtitle: "心率血氧监测，续航 14 天",
    image: "band",
    params: [
      { key: "续航", value: "14 天" },
      { key: "防水", value: "5ATM" },
    ],
    specAxes: [{ name: "颜色", values: ["曜石黑", "樱花粉"] }],
    skus: [
      { specValues: ["曜石黑"], priceFen: 19900, stock: 40, weightGrams: 100, code: "BAND-BLK" },
      { specValues: ["樱花粉"], priceFen: 19900, stock: 30, weightGrams: 100, code: "BAND-PNK" },
    ],
    shipped: true,
    sort: 60,
  },
  {
    category: "精选好物",
    title: "少儿编程课程包（在线课程）",
    subtitle: "48 节直播课，购买后开通，无需发货",
    image: "course",
    params: [
      { key: "课时", value: "48 节" },
      { key: "适合年龄", value: "8-14 岁" },
    ],
    skus: [{ priceFen: 99900, stock: 999, weightGrams: 0, code: "COURSE-999" }],
    shipped: false,
    purchaseLimit: 1,
    commissionRule: { kind: "rates", ratesBps: [1500, 0, 0] },
    sort: 75,
  },
];

export async function seedCatalog(db: Db, now: Date): Promise<void> {
  await inTransaction(db, async (tx) => {
    const freight = await insertFreightTemplate(tx, {
      name: "全国快递（满 ¥50 包邮）",
      mode: "by_piece",
      defaultRule: { firstUnits: 1, firstFeeFen: 800, additionalUnits: 1, additionalFeeFen: 0 },
      regionRules: [],
      freeOverFen: 5000,
      updatedAt: now,
    });
    const clothes = await insertCategory(tx, {
      name: "服装",
      iconUrl: "/demo/category-clothes.svg",
      sort: 1,
    });
    const men = await insertCategory(tx, { name: "男装", parentId: clothes.id, sort: 1 });
    const ids: Record<string, number> = {
      服装: clothes.id,
      男装: men.id,
      衬衫: (await insertCategory(tx, { name: "衬衫", parentId: men.id, sort: 1 })).id,
      生鲜水果: (await insertCategory(tx, { name: "生鲜水果", iconUrl: "/demo/category-fruit.svg", sort: 2 }))
        .id,
      美妆护肤: (
        await insertCategory(tx, { name: "美妆护肤", iconUrl: "/demo/category-beauty.svg", sort: 3 })
      ).id,
      精选好物: (await insertCategory(tx, { name: "精选好物", iconUrl: "/demo/category-picks.svg", sort: 4 }))
        .id,
    };
    for (const p of products) {
      const product = await insertProduct(tx, {
        categoryId: ids[p.category] ?? null,
        title: p.title,
        subtitle: p.subtitle,
        images: [`/demo/${p.image}.svg`],
        params: p.params,
        descriptionHtml: `<p>${p.title}：${p.subtitle}</p><p><img src="/demo/${p.image}.svg" alt="${p.title}"></p>`,
        specAxes: p.specAxes ?? [],
        status: "on_sale",
        sort: p.sort,
        purchaseLimit: p.purchaseLimit ?? null,
        freightTemplateId: p.shipped ? freight.id : null,
        commissionRule: p.commissionRule ?? null,
        updatedAt: now,
      });
      for (const s of p.skus) {
        const sku = await insertSku(tx, {
          productId: product.id,
          specValues: s.specValues ?? [],
          priceFen: s.priceFen,
          originalPriceFen: s.originalPriceFen ?? null,
          stock: 0,
          code: s.code,
          weightGrams: s.weightGrams,
        });
        await moveStock(tx, { skuId: sku.id, delta: s.stock, reason: "initial", note: "demo" });
      }
    }
  });
}
