// A distributor shares: short links that open the page with their code, what they would earn on a product,
// server-drawn posters whose QR code reads back to their link (cached by inputs, pictures only from the
// shop's storage), the mini-program code adapter and the JS-SDK signature against a fake WeChat API.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wxaCode } from "../../src/adapters/posters/code-source.ts";
import { createWechatApi } from "../../src/adapters/wechat-api/client.ts";
import { createJsSdkSigner } from "../../src/adapters/wechat-api/js-sdk.ts";
import { decidePosterBadge } from "../../src/modules/sharing/poster-badge.ts";
import { createLocalStorage } from "../../src/modules/uploads/storage.ts";
import { createFreight, createProduct } from "../commerce/fixtures.ts";
import { distributor, enableDistribution } from "../distribution/support.ts";
import { startWechatApiFake, type WechatApiFake } from "../fake-gateways/wechat-api-server.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";
import { decodeQr, events, settleTracking } from "./support.ts";

let ctx: TestContext;
let owner: string;
let fake: WechatApiFake;
let product: Awaited<ReturnType<typeof createProduct>>;
let a: Awaited<ReturnType<typeof distributor>>;
const base = "http://127.0.0.1:3000";

beforeAll(async () => {
  const uploads = fs.mkdtempSync(path.join(os.tmpdir(), "liebian-posters-"));
  ctx = await startTestApp({ storage: createLocalStorage(uploads) });
  owner = await ctx.client.loginOwner();
  await enableDistribution(ctx, owner);
  await createFreight(ctx, owner);
  product = await createProduct(ctx, owner, {
    title: "赣南脐橙 5 斤装 当季现摘",
    images: ["/demo/mango.svg"],
    skus: [
      { priceFen: 9900, stock: 10, specValues: ["5斤"] },
      { priceFen: 19_900, stock: 10, specValues: ["10斤"] },
    ],
    specAxes: [{ name: "重量", values: ["5斤", "10斤"] }],
  });
  a = await distributor(ctx);
  fake = await startWechatApiFake();
});
afterAll(() => fake.close());

const png = (url: string, token: string) =>
  ctx.app.inject({ method: "GET", url, headers: { authorization: `Bearer ${token}` } });

describe("share links", () => {
  it("gives a distributor short links and what one unit would earn them (10%: ¥9.90–¥19.90)", async () => {
    const share = await ctx.client.get(`/api/v1/distribution/share?productId=${product.id}`, a.token);
    expect(share.status, JSON.stringify(share.body)).toBe(200);
    expect(share.body).toEqual({
      code: a.code,
      shopLink: `${base}/s/${a.code}`,
      storefrontLink: `${base}/s/${a.code}/store`,
      activityLink: null,
      productLink: `${base}/s/${a.code}/p/${product.id}`,
      estimate: { minFen: 990, maxFen: 1990 },
    });
  });

  it("a short link opens the page with the code; a malformed code opens it without one", async () => {
    const shop = await ctx.client.get(`/s/${a.code}`);
    expect([shop.status, shop.headers.location]).toEqual([302, `/?ref=${a.code}`]);
    const item = await ctx.client.get(`/s/${a.code}/p/${product.id}`);
    expect(item.headers.location).toBe(`/products/${product.id}?ref=${a.code}`);
    const odd = await ctx.client.get(`/s/${encodeURIComponent("<b>x</b>")}`);
    expect([odd.status, odd.headers.location]).toEqual([302, "/"]);
  });

  it("refuses a shopper who is not a distributor, and a product that is off sale", async () => {
    const shopper = await ctx.client.registerShopper();
    const notYet = await ctx.client.get("/api/v1/distribution/share", shopper.token);
    expect([notYet.status, notYet.body.error.code]).toEqual([404, "NOT_DISTRIBUTOR"]);
    const off = await createProduct(ctx, owner, { status: "off_sale" });
    const poster = await png(`/api/v1/distribution/posters/product/${off.id}`, a.token);
    expect([poster.statusCode, poster.json().error.code]).toEqual([409, "PRODUCT_NOT_ON_SALE"]);
    const missing = await ctx.client.get("/api/v1/distribution/share?productId=999999", a.token);
    expect(missing.status).toBe(404);
  });
});

describe("posters", () => {
  it("the product poster is a PNG whose QR code reads back to the distributor's product link, cached", async () => {
    const first = await png(`/api/v1/distribution/posters/product/${product.id}`, a.token);
    expect(first.statusCode).toBe(200);
    expect(first.headers["content-type"]).toBe("image/png");
    const image = PNG.sync.read(first.rawPayload);
    expect([image.width, image.height]).toEqual([750, 1334]);
    expect(decodeQr(first.rawPayload)).toBe(`${base}/s/${a.code}/p/${product.id}`);

    const again = await png(`/api/v1/distribution/posters/product/${product.id}`, a.token);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.rawPayload.equals(first.rawPayload)).toBe(true);
    await settleTracking(ctx);
    const drawn = (await events(ctx)).filter((e) => e.kind === "poster" && e.productId === product.id);
    expect(drawn.map((e) => e.distributorUserId)).toEqual([a.userId, a.userId]);
  });

  it("a price change draws a new poster", async () => {
    const before = await png(`/api/v1/distribution/posters/product/${product.id}`, a.token);
    const detail = await ctx.client.get(`/api/admin/v1/products/${product.id}`, owner);
    const changed = await ctx.client.put(
      `/api/admin/v1/products/${product.id}`,
      {
        title: detail.body.title,
        status: "on_sale",
        images: detail.body.images,
        specAxes: detail.body.specAxes,
        skus: detail.body.skus.map((s: { id: number; specValues: string[]; stock: number }, i: number) => ({
          id: s.id,
          specValues: s.specValues,
          stock: s.stock,
          priceFen: i === 0 ? 8800 : 19_900,
        })),
      },
      owner,
    );
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const after = await png(`/api/v1/distribution/posters/product/${product.id}`, a.token);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it("the invite poster carries the shop link over the merchant's uploaded background", async () => {
    const background = new PNG({ width: 75, height: 133 });
    background.data.fill(200);
    const upload = await ctx.app.inject({
      method: "POST",
      url: "/api/admin/v1/uploads",
      ...multipart("bg.png", PNG.sync.write(background)),
    });
    expect(upload.statusCode).toBe(201);
    const saved = await ctx.client.put(
      "/api/admin/v1/sharing/poster-settings",
      { template: "festive", inviteBackgroundKey: upload.json().key, inviteText: "一起来逛逛我的小店" },
      owner,
    );
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const poster = await png("/api/v1/distribution/posters/invite", a.token);
    expect(poster.statusCode).toBe(200);
    expect(decodeQr(poster.rawPayload)).toBe(`${base}/s/${a.code}`);
  });

  it("a background must already be in the shop's storage: never a URL, never a key that is not there", async () => {
    const url = await ctx.client.put(
      "/api/admin/v1/sharing/poster-settings",
      { inviteBackgroundKey: "http://169.254.169.254/latest/meta-data" },
      owner,
    );
    expect([url.status, url.body.error.code]).toEqual([422, "VALIDATION_FAILED"]);
    const absent = await ctx.client.put(
      "/api/admin/v1/sharing/poster-settings",
      { inviteBackgroundKey: "catalog/202612/00000000-0000-0000-0000-000000000000.png" },
      owner,
    );
    expect([absent.status, absent.body.error.code]).toEqual([422, "POSTER_BACKGROUND_NOT_FOUND"]);
  });

  it("the admin previews a template before saving it", async () => {
    const preview = await png(
      `/api/admin/v1/sharing/poster-preview?kind=product&template=minimal&productId=${product.id}`,
      owner,
    );
    expect(preview.statusCode).toBe(200);
    expect(decodeQr(preview.rawPayload)).toBe(`${base}/s/PREVIEW/p/${product.id}`);
    const invite = await png(
      "/api/admin/v1/sharing/poster-preview?kind=invite&template=classic&inviteText=你好",
      owner,
    );
    expect(invite.statusCode).toBe(200);
  });
});

describe("WeChat", () => {
  it("the mini-program code adapter asks WeChat for a code of the page and scene, with a cached token", async () => {
    const api = createWechatApi({ appId: fake.appId, appSecret: fake.appSecret, apiBaseUrl: fake.url });
    const codes = wxaCode(api);
    const first = await codes.render({
      link: "-",
      page: "pages/product/index",
      scene: `${a.code}-p7`,
      sizePx: 280,
    });
    expect(decodeQr(first)).toBe(`pages/product/index?scene=${a.code}-p7`);
    await codes.render({ link: "-", page: "pages/index/index", scene: a.code, sizePx: 280 });
    expect(fake.calls).toMatchObject({ token: 1, wxacode: 2 });
  });

  it("signs wx.config for the shop's own page with one cached jsapi_ticket", async () => {
    const unconfigured = await ctx.client.get(
      `/api/v1/wechat/js-config?url=${encodeURIComponent(`${base}/`)}`,
    );
    expect([unconfigured.status, unconfigured.body.error.code]).toEqual([404, "WECHAT_JSSDK_UNAVAILABLE"]);

    ctx.deps.wechatJsSdk = createJsSdkSigner(
      createWechatApi({ appId: fake.appId, appSecret: fake.appSecret, apiBaseUrl: fake.url }),
    );
    const page = `${base}/products/${product.id}?ref=${a.code}`;
    const signed = await ctx.client.get(`/api/v1/wechat/js-config?url=${encodeURIComponent(`${page}#top`)}`);
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    const { appId, timestamp, nonceStr, signature } = signed.body;
    expect(appId).toBe(fake.appId);
    expect(timestamp).toBe(Math.floor(ctx.deps.now().getTime() / 1000));
    const expected = createHash("sha1")
      .update(`jsapi_ticket=${fake.ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${page}`)
      .digest("hex");
    expect(signature).toBe(expected);
    await ctx.client.get(`/api/v1/wechat/js-config?url=${encodeURIComponent(page)}`);
    expect(fake.calls.ticket).toBe(1);

    const foreign = await ctx.client.get(
      `/api/v1/wechat/js-config?url=${encodeURIComponent("https://evil.example/")}`,
    );
    expect([foreign.status, foreign.body.error.code]).toEqual([422, "SHARE_URL_FOREIGN"]);
  });
});

function multipart(name: string, bytes: Buffer) {
  const boundary = "----liebian-poster-boundary";
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: {
      "content-type": `multipart/form-data; boundary=${boundary}`,
      authorization: `Bearer ${owner}`,
    },
  };
}

describe("a distributor's storefront (微店)", () => {
  const mine = "/api/v1/distribution/storefront";

  it("starts as '<nickname>的小店' with the whole shop; the short link opens it with the code", async () => {
    const page = await ctx.client.get(mine, a.token);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.body).toMatchObject({
      code: a.code,
      link: `${base}/s/${a.code}/store`,
      productIds: [],
      maxProducts: 200,
    });
    expect(page.body.name).toMatch(/的小店$/);
    const link = await ctx.client.get(`/s/${a.code}/store`);
    expect([link.status, link.headers.location]).toEqual([302, `/store/${a.code}?ref=${a.code}`]);
    const open = await ctx.client.get(`/api/v1/storefronts/${a.code}`);
    expect(open.body).toMatchObject({ code: a.code, productCount: 0, coverUrl: null });
  });

  it("takes a name, a greeting and a cover from the shop's own storage, never another site's picture", async () => {
    const foreign = await ctx.client.put(
      mine,
      { name: "小林的果园", greeting: "hi", coverUrl: "https://evil.example/x.png" },
      a.token,
    );
    expect([foreign.status, foreign.body.error.code]).toEqual([422, "STOREFRONT_COVER_INVALID"]);
    const saved = await ctx.client.put(
      mine,
      { name: "小林的果园", greeting: "当季水果，我家先尝", coverUrl: "/demo/mango.svg" },
      a.token,
    );
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const open = await ctx.client.get(`/api/v1/storefronts/${a.code}`);
    expect(open.body).toMatchObject({
      name: "小林的果园",
      greeting: "当季水果，我家先尝",
      coverUrl: "/demo/mango.svg",
    });
    const long = await ctx.client.put(mine, { name: "x".repeat(31) }, a.token);
    expect(long.status).toBe(422);
  });

  it("features the picked products in the distributor's order, page by page; 10,000 picks get a clear refusal", async () => {
    const second = await createProduct(ctx, owner, {
      title: "阿克苏苹果",
      skus: [{ priceFen: 5900, stock: 10 }],
    });
    const third = await createProduct(ctx, owner, { title: "砀山梨", skus: [{ priceFen: 3900, stock: 10 }] });
    const flood = await ctx.client.put(
      `${mine}/products`,
      { productIds: Array.from({ length: 10_000 }, (_, i) => i + 1) },
      a.token,
    );
    expect([flood.status, flood.body.error.code, flood.body.error.details]).toEqual([
      422,
      "STOREFRONT_TOO_MANY_PRODUCTS",
      { max: 200, given: 10_000 },
    ]);
    const off = await createProduct(ctx, owner, { status: "off_sale" });
    const refused = await ctx.client.put(`${mine}/products`, { productIds: [second.id, off.id] }, a.token);
    expect([refused.status, refused.body.error.code]).toEqual([409, "PRODUCT_NOT_ON_SALE"]);
    expect((await ctx.client.get(mine, a.token)).body.productIds).toEqual([]);

    const picked = await ctx.client.put(`${mine}/products`, { productIds: [third.id, product.id] }, a.token);
    expect(picked.body.productIds).toEqual([third.id, product.id]);
    const added = await ctx.client.post(`${mine}/products/${second.id}`, {}, a.token);
    expect(added.body.productIds).toEqual([third.id, product.id, second.id]);

    const first = await ctx.client.get(`/api/v1/storefronts/${a.code}/products?limit=2`);
    expect(first.body.items.map((p: { id: number }) => p.id)).toEqual([third.id, product.id]);
    const next = await ctx.client.get(
      `/api/v1/storefronts/${a.code}/products?limit=2&cursor=${first.body.nextCursor}`,
    );
    expect([next.body.items.map((p: { id: number }) => p.id), next.body.nextCursor]).toEqual([
      [second.id],
      null,
    ]);
    expect((await ctx.client.get(`/api/v1/storefronts/${a.code}`)).body.productCount).toBe(3);

    // a pick taken off sale leaves the public page and stays in the editor; removing one keeps the order
    await ctx.client.post("/api/admin/v1/products/status", { ids: [third.id], status: "off_sale" }, owner);
    const shown = await ctx.client.get(`/api/v1/storefronts/${a.code}/products`);
    expect(shown.body.items.map((p: { id: number }) => p.id)).toEqual([product.id, second.id]);
    const removed = await ctx.client.delete(`${mine}/products/${product.id}`, a.token);
    expect(removed.body.productIds).toEqual([third.id, second.id]);
  });

  it("a visit through the storefront counts for its distributor; an unknown or frozen code has no storefront", async () => {
    const visit = await ctx.client.post("/api/v1/referrals/visit", { ref: a.code, source: "storefront" });
    expect(visit.status, JSON.stringify(visit.body)).toBe(200);
    const viewed = await ctx.client.post("/api/v1/events", {
      ref: a.code,
      visitorKey: "vstorefront0001",
      events: [{ kind: "page_view", source: "storefront" }],
    });
    expect(viewed.status).toBe(200);
    await settleTracking(ctx);
    const mineNow = (await events(ctx)).filter((e) => e.source === "storefront");
    expect(mineNow.map((e) => [e.kind, e.distributorUserId])).toEqual([
      ["link_open", a.userId],
      ["page_view", a.userId],
    ]);

    expect((await ctx.client.get("/api/v1/storefronts/NOPE0000")).status).toBe(404);
    const f = await distributor(ctx);
    await ctx.client.post(
      `/api/admin/v1/distribution/distributors/${f.userId}/status`,
      { action: "freeze", reason: "刷单" },
      owner,
    );
    expect((await ctx.client.get(`/api/v1/storefronts/${f.code}`)).status).toBe(404);
    const frozenEdit = await ctx.client.get(mine, f.token);
    expect([frozenEdit.status, frozenEdit.body.error.code]).toEqual([409, "DISTRIBUTOR_FROZEN"]);
  });
});

describe("activities: share links and the poster badge", () => {
  let plain: Buffer;
  it("a group buy's and a group's links carry the code; a group buy that does not exist is 404", async () => {
    plain = (await png(`/api/v1/distribution/posters/product/${product.id}`, a.token)).rawPayload;
    const activity = await ctx.client.post(
      "/api/admin/v1/group-buys",
      {
        title: "脐橙三人团",
        productId: product.id,
        startsAt: new Date(ctx.clock.now().getTime() - 3_600_000),
        endsAt: new Date(ctx.clock.now().getTime() + 7 * 86_400_000),
        items: [{ skuId: product.skus[0]!.id, groupPriceFen: 5900 }],
        groupSize: 3,
        timeLimitMinutes: 24 * 60,
      },
      owner,
    );
    expect(activity.status, JSON.stringify(activity.body)).toBe(201);
    const share = await ctx.client.get(`/api/v1/distribution/share?groupBuyId=${activity.body.id}`, a.token);
    expect(share.body.activityLink).toBe(`${base}/s/${a.code}/g/${activity.body.id}`);
    const opened = await ctx.client.get(`/s/${a.code}/g/${activity.body.id}`);
    expect(opened.headers.location).toBe(`/group-buys/${activity.body.id}?ref=${a.code}`);
    const group = await ctx.client.get(`/api/v1/distribution/share?groupId=42`, a.token);
    expect(group.body.activityLink).toBe(`${base}/s/${a.code}/t/42`);
    expect((await ctx.client.get(`/s/${a.code}/t/42`)).headers.location).toBe(`/groups/42?ref=${a.code}`);
    const missing = await ctx.client.get("/api/v1/distribution/share?groupBuyId=999999", a.token);
    expect(missing.status).toBe(404);
  });

  it("the product poster is drawn again with the group buy's badge, and its QR still reads back to the link", async () => {
    const poster = await png(`/api/v1/distribution/posters/product/${product.id}`, a.token);
    expect(poster.statusCode).toBe(200);
    expect(decodeQr(poster.rawPayload)).toBe(`${base}/s/${a.code}/p/${product.id}`);
    // the badge is drawn beside the price (rows 1004–1044), and only there does the poster change
    const before = PNG.sync.read(plain);
    const after = PNG.sync.read(poster.rawPayload);
    const rowsChanged = new Set<number>();
    for (let i = 0; i < after.data.length; i += 4)
      if (after.data[i] !== before.data[i]) rowsChanged.add(Math.floor(i / 4 / after.width));
    expect(rowsChanged.size).toBeGreaterThan(0);
    expect([...rowsChanged].every((y) => y >= 1000 && y <= 1048)).toBe(true);
  });

  it.each([
    {
      label: "a 3-person group buy at ¥59 and ¥69 → '3人团 ¥59.00'",
      facts: {
        groupBuys: [{ groupSize: 3, items: [{ groupPriceFen: 6900 }, { groupPriceFen: 5900 }] }],
        priceActivities: [],
        skuIds: [1],
      },
      badge: "3人团 ¥59.00",
    },
    {
      label: "a flash sale on this product's SKU → its name and price",
      facts: {
        groupBuys: [],
        priceActivities: [{ name: "限时折扣", skus: [{ skuId: 2, priceFen: 8000 }] }],
        skuIds: [2],
      },
      badge: "限时折扣 ¥80.00",
    },
    {
      label: "a flash sale on another product → no badge",
      facts: {
        groupBuys: [],
        priceActivities: [{ name: "限时折扣", skus: [{ skuId: 9, priceFen: 8000 }] }],
        skuIds: [2],
      },
      badge: null,
    },
  ])("$label", ({ facts, badge }) => {
    expect(decidePosterBadge(facts)).toBe(badge);
  });
});
