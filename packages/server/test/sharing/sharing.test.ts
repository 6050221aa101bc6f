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
