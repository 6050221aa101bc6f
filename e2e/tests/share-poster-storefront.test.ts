// Sharing in a browser, the distributor's side. 林分享 opens a product in the shop, sees 分享预计赚 and makes
// the product poster, which the server draws and the page shows; names their storefront, picks the product and
// a visitor opens it through the short link; and a product in a group challenge (团购挑战) shares the
// challenge's link, which opens the challenge's page. The merchant's side (dashboard,
// funnel, a distributor's own figures) is share-reports.test.ts: one file was long for the 90 s limit.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { baseUrl } from "../support/base-url.ts";
import { connectBrowser, phonePage, screenshot } from "../support/browser.ts";
import { api, fill, signUp } from "../support/shop-api.ts";

const SHARER = { phone: "13700000301", password: "sharer-pass-01" };
let browser: Browser;
let ownerToken: string;
let inviteCode: string;
let shop: Page;

beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function shopLogin(phone: string, password: string): Promise<Page> {
  const page = await phonePage(browser);
  await page.goto(`${baseUrl}/login`);
  await fill(page, "login-phone", phone);
  await fill(page, "login-password", password);
  await page.getByTestId("login-submit").click();
  await page.waitForURL(/\/me/);
  return page;
}

test("a distributor's poster renders in the shop, and their storefront opens through its short link", async () => {
  ownerToken = (
    await api<{ token: string }>(baseUrl, "/api/admin/v1/auth/login", null, {
      username: "owner",
      password: inject("ownerPassword"),
    })
  ).token;
  const sharer = await signUp<{ token: string; user: { id: number } }>(baseUrl, {
    ...SHARER,
    nickname: "林分享",
  });
  await api(baseUrl, `/api/admin/v1/distribution/distributors/${sharer.user.id}/appoint`, ownerToken, {});
  ({ inviteCode } = await api<{ inviteCode: string }>(baseUrl, "/api/v1/distribution/me", sharer.token));
  const products = await api<{ items: Array<{ id: number }> }>(baseUrl, "/api/v1/products?limit=5", null);
  const detail = await api<{ id: number; skus: Array<{ id: number; stock: number }> }>(
    baseUrl,
    `/api/v1/products/${products.items[0]!.id}`,
    null,
  );

  shop = await shopLogin(SHARER.phone, SHARER.password);
  await shop.goto(`${baseUrl}/products/${detail.id}`);
  await shop.getByTestId("product-share").click();
  await expect.poll(() => shop.getByTestId("share-estimate").textContent()).toMatch(/分享预计赚 ¥\d/);
  expect(await shop.getByTestId("share-link").textContent()).toBe(
    `${baseUrl}/s/${inviteCode}/p/${detail.id}`,
  );
  await shop.getByTestId("share-poster").click();
  const poster = shop.getByTestId("share-poster-image");
  await poster.waitFor();
  await expect
    .poll(() => poster.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBe(750);
  await poster.scrollIntoViewIfNeeded();
  await screenshot(shop, "share-1-product-poster");

  // 林分享 names their storefront and picks the product; a visitor opens it through the short link
  await shop.goto(`${baseUrl}/distribution/storefront`);
  await fill(shop, "store-edit-name", "林分享的鲜果铺");
  await shop.getByTestId("store-edit-greeting").locator("textarea").fill("每天现摘，朋友价");
  await shop.getByTestId("store-edit-save").click();
  await expect
    .poll(() => shop.getByTestId("store-edit-link").textContent())
    .toBe(`${baseUrl}/s/${inviteCode}/store`);
  await shop.getByTestId(`store-pick-${detail.id}`).click();
  await expect.poll(() => shop.getByTestId("store-edit-count").textContent()).toMatch(/^已选 1\/200/);
  await screenshot(shop, "share-1b-storefront-editor");
  const visitor = await phonePage(browser);
  await visitor.goto(`${baseUrl}/s/${inviteCode}/store`);
  await visitor.waitForURL(new RegExp(`/store/${inviteCode}\\?ref=${inviteCode}`));
  await expect.poll(() => visitor.getByTestId("store-name").textContent()).toBe("林分享的鲜果铺");
  await visitor.locator(`[data-testid="store-products"] [data-product-id="${detail.id}"]`).waitFor();
  await screenshot(visitor, "share-1c-storefront");
  await visitor.close();
});

test("a product in a group challenge shares the challenge's link, which opens the challenge", async () => {
  // a product of this test's own, so the demo goods other tests buy keep their prices
  const tea = await api<{ id: number; skus: { id: number }[] }>(
    baseUrl,
    "/api/admin/v1/products",
    ownerToken,
    {
      title: "明前龙井 挑战装",
      status: "on_sale",
      skus: [{ priceFen: 12_800, stock: 50, specValues: [] }],
    },
  );
  const challenge = await api<{ id: number }>(baseUrl, "/api/admin/v1/activities", ownerToken, {
    kind: "group_challenge",
    name: "龙井十人挑战",
    startsAt: new Date(Date.now() - 60_000),
    endsAt: new Date(Date.now() + 86_400_000),
    args: { items: [{ skuId: String(tea.skus[0]!.id) }], tiers: [{ participants: 10, payBps: 8000 }] },
  });
  await shop.goto(`${baseUrl}/products/${tea.id}`);
  await shop.getByTestId("product-share").click();
  const link = `${baseUrl}/s/${inviteCode}/c/${challenge.id}`;
  await expect.poll(() => shop.getByTestId("share-link").textContent()).toBe(link);
  await screenshot(shop, "share-1d-challenge-share-sheet");

  const visitor = await phonePage(browser);
  await visitor.goto(link);
  await visitor.waitForURL(new RegExp(`/group-challenges/${challenge.id}\\?ref=${inviteCode}`));
  await expect.poll(() => visitor.getByTestId("challenge-participants").textContent()).toMatch(/0/);
  await screenshot(visitor, "share-1e-challenge-opened");
  await visitor.close();
  await api(baseUrl, `/api/admin/v1/activities/${challenge.id}/stop`, ownerToken, {});
});
