// The shop a checkout benchmark runs against, built through the real admin and shop APIs on top of the demo
// seed: a bench catalogue of many SKUs with ample stock (the demo's own ~20 SKUs would turn a spread
// checkout into a queue on a few row locks), and shoppers bound to distributors (shopper → distributor →
// top distributor), so every paid order writes real commission rows at both default levels.
// Ids are created in sequence and checked to be contiguous, so pgbench can draw the same spread with random().
import { must } from "./http.ts";
import { OWNER_PASSWORD } from "./server.ts";

export const BENCH_PRODUCTS = 20;
export const SKUS_PER_PRODUCT = 10;
/** Shoppers per distributor stay under the fraud check's default bind velocity (20 an hour). */
const SHOPPERS_PER_DISTRIBUTOR = 8;
const SKU_STOCK = 10_000_000;

export type Shopper = { token: string; userId: number; addressId: number };
export type BenchShop = {
  /** The bench SKUs are ids skuFirst..skuLast, all on sale, no purchase limit, ample stock. */
  skuFirst: number;
  skuLast: number;
  shoppers: Shopper[];
  /** Shopper i (user id uidFirst + i, address addrFirst + i) is bound to distributor midFirst + i / perMid. */
  layout: { uidFirst: number; addrFirst: number; midFirst: number; perMid: number; top: number };
};

function contiguous(ids: number[], what: string): number {
  ids.forEach((id, i) => {
    if (id !== ids[0]! + i) throw new Error(`${what} ids are not contiguous: ${ids.join(",")}`);
  });
  return ids[0]!;
}

async function createCatalogue(base: string, owner: string): Promise<number[]> {
  const templates = await must(base, "GET", "/api/admin/v1/freight-templates", undefined, owner);
  const freightTemplateId = (templates.items ?? templates)[0]?.id ?? null;
  const skuIds: number[] = [];
  for (let p = 0; p < BENCH_PRODUCTS; p++) {
    const values = Array.from({ length: SKUS_PER_PRODUCT }, (_, i) => `款${i + 1}`);
    const product = await must(
      base,
      "POST",
      "/api/admin/v1/products",
      {
        title: `压测商品 ${p + 1}`,
        status: "on_sale",
        freightTemplateId,
        specAxes: [{ name: "款式", values }],
        skus: values.map((v, i) => ({
          specValues: [v],
          // ¥19.90 … ¥99.80: some orders pay freight, some ship free (the demo template: free over ¥50).
          priceFen: 1990 + (((p * SKUS_PER_PRODUCT + i) * 397) % 8000),
          stock: SKU_STOCK,
          weightGrams: 200 + i * 50,
          code: `BENCH-${p + 1}-${i + 1}`,
        })),
      },
      owner,
    );
    skuIds.push(...product.skus.map((s: { id: number }) => s.id).sort((a: number, b: number) => a - b));
  }
  return skuIds;
}

async function register(base: string, phone: string, ref?: string) {
  // The demo shop is in demo mode (sandbox on), so the sandbox SMS code comes back in the answer.
  const sent = await must(base, "POST", "/api/v1/auth/sms-codes", { phone, purpose: "register" });
  return must(base, "POST", "/api/v1/auth/register", {
    phone,
    password: "shopper-pass-1",
    code: sent.demoCode,
    ...(ref ? { ref } : {}),
  });
}

async function distributor(base: string, phone: string, ref?: string) {
  const session = await register(base, phone, ref);
  const row = await must(base, "POST", "/api/v1/distribution/join", undefined, session.token);
  return { userId: session.user.id as number, code: row.inviteCode as string };
}

export async function prepareShop(base: string, shopperCount: number): Promise<BenchShop> {
  const { token: owner } = await must(base, "POST", "/api/admin/v1/auth/login", {
    username: "owner",
    password: OWNER_PASSWORD,
  });
  const skuIds = await createCatalogue(base, owner);
  const skuFirst = contiguous(skuIds, "SKU");
  const prefix = `13${String(process.pid % 1000).padStart(3, "0")}`;
  const top = await distributor(base, `${prefix}900000`);
  const middles: { userId: number; code: string }[] = [];
  for (let i = 0; i < Math.ceil(shopperCount / SHOPPERS_PER_DISTRIBUTOR); i++)
    middles.push(await distributor(base, `${prefix}91${String(i).padStart(4, "0")}`, top.code));
  const shoppers: Shopper[] = [];
  for (let i = 0; i < shopperCount; i++) {
    const session = await register(
      base,
      `${prefix}${String(i).padStart(6, "0")}`,
      middles[Math.floor(i / SHOPPERS_PER_DISTRIBUTOR)]!.code,
    );
    const address = await must(
      base,
      "POST",
      "/api/v1/addresses",
      {
        name: "压测",
        phone: "13900001111",
        provinceCode: "110000",
        cityCode: "110100",
        districtCode: "110101",
        detail: `某处 ${i + 1} 号`,
        isDefault: true,
      },
      session.token,
    );
    shoppers.push({ token: session.token, userId: session.user.id, addressId: address.id });
  }
  const layout = {
    uidFirst: contiguous(
      shoppers.map((s) => s.userId),
      "shopper",
    ),
    addrFirst: contiguous(
      shoppers.map((s) => s.addressId),
      "address",
    ),
    midFirst: contiguous(
      middles.map((m) => m.userId),
      "distributor",
    ),
    perMid: SHOPPERS_PER_DISTRIBUTOR,
    top: top.userId,
  };
  return { skuFirst, skuLast: skuIds.at(-1)!, shoppers, layout };
}
