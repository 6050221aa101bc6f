// Gifts and the welcome offer in a browser: the owner sets a 买赠 rule in the admin's 买赠 / 满赠 page (the
// cream brings a travel sample from 5 set aside); a shopper sees the 赠品 tag, checkout lists the sample at ¥0,
// and the paid order shows it as a gift line. A shopper who signed up through a distributor's link sees the
// 首单 price on the product page and the 9折 taken off at checkout. Both offers cover only this test's goods
// and are switched off at the end, so other tests' prices stay as they were.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { baseUrl } from "../support/base-url.ts";
import { connectBrowser, desktopPage, phonePage, screenshot } from "../support/browser.ts";
import { addAddress, api, fill, signUp } from "../support/shop-api.ts";

let browser: Browser;
let owner: string;
const started: number[] = [];

beforeAll(async () => {
  browser = await connectBrowser();
  owner = (
    await api<{ token: string }>(baseUrl, "/api/admin/v1/auth/login", null, {
      username: "owner",
      password: inject("ownerPassword"),
    })
  ).token;
});
afterAll(async () => {
  for (const id of started) await api(baseUrl, `/api/admin/v1/activities/${id}/stop`, owner, {});
  await browser?.close();
});

async function product(title: string, priceFen: number) {
  return api<{ id: number; skus: { id: number }[] }>(baseUrl, "/api/admin/v1/products", owner, {
    title,
    status: "on_sale",
    skus: [{ priceFen, stock: 50, specValues: [] }],
  });
}

async function shopLogin(phone: string, password: string, redirect: string): Promise<Page> {
  const shop = await phonePage(browser);
  await shop.goto(`${baseUrl}/login?redirect=${encodeURIComponent(redirect)}`);
  await fill(shop, "login-phone", phone);
  await fill(shop, "login-password", password);
  await shop.getByTestId("login-submit").click();
  await shop.waitForURL((url) => url.pathname === redirect.split("?")[0]);
  return shop;
}

async function buyNow(shop: Page) {
  await shop.getByTestId("buy-now").click();
  await shop.getByTestId("sku-confirm-buy").click();
  await shop.getByTestId("checkout-lines").waitFor();
}

test("a 买赠 rule set in the admin puts a ¥0 gift on the order; a linked newcomer sees the 首单 price", async () => {
  const cream = await product("修护面霜", 10000);
  await product("面霜旅行小样", 3000);

  // the owner: buy 1 cream → 1 travel sample, 5 samples set aside
  const admin = await desktopPage(browser);
  await admin.goto(`${baseUrl}/admin/gifts`);
  await fill(admin, "login-username", "owner");
  await fill(admin, "login-password", inject("ownerPassword"));
  await admin.getByTestId("login-submit").click();
  await admin.getByTestId("offer-create").click();
  await fill(admin, "offer-name", "买面霜送小样");
  await admin.locator(".ant-modal .ant-radio-wrapper", { hasText: "指定商品" }).click();
  await admin.getByTestId("offer-products").locator("input").fill("修护面霜");
  await admin.locator(".ant-select-item-option", { hasText: "修护面霜" }).click();
  // a multiple choice stays open after a pick: a click elsewhere in the form closes it
  await admin.locator(".ant-modal-title").click();
  await admin.getByTestId("gift-product").locator("input").fill("旅行小样");
  await admin.locator(".ant-select-item-option", { hasText: "面霜旅行小样" }).click();
  await expect.poll(() => admin.getByTestId("gift-sku").textContent()).toContain("库存 50");
  await fill(admin, "gift-stock", "5");
  await screenshot(admin, "offers-1-admin-gift-editor");
  await admin.getByTestId("offer-save").click();
  const row = admin.getByTestId("offer-row").filter({ hasText: "买面霜送小样" });
  await expect.poll(() => row.textContent()).toContain("进行中");
  expect(await row.textContent()).toContain("满1件赠 面霜旅行小样");
  started.push(Number(await row.getAttribute("data-activity-id")));
  await screenshot(admin, "offers-2-admin-gifts");

  // a shopper buys the cream: the sample rides along at ¥0
  const buyer = await signUp<{ token: string }>(baseUrl, {
    phone: "13700003201",
    password: "gift-pass",
    nickname: "爱护肤的小周",
  });
  await addAddress(baseUrl, buyer.token);
  const shop = await shopLogin("13700003201", "gift-pass", `/products/${cream.id}`);
  await expect.poll(() => shop.getByTestId("product-gifts").textContent()).toContain("赠品");
  expect(await shop.getByTestId("product-gifts").textContent()).toContain("满1件赠 面霜旅行小样×1");
  await screenshot(shop, "offers-3-product-gift");
  await buyNow(shop);
  const giftLine = shop.getByTestId("checkout-lines").locator(".order-line", { hasText: "面霜旅行小样" });
  await expect.poll(() => giftLine.textContent()).toContain("赠品");
  expect(await giftLine.textContent()).toContain("¥0.00");
  await expect.poll(() => shop.getByTestId("checkout-payable").textContent()).toContain("100.00");
  await screenshot(shop, "offers-4-checkout-gift");
  await shop.getByTestId("checkout-submit").click();
  await shop.getByTestId("sandbox-pay-page").waitFor({ timeout: 15_000 });
  await shop.getByTestId("sandbox-pay").click();
  await shop.getByTestId("pay-result").waitFor({ timeout: 15_000 });
  await shop.getByTestId("pay-result-order").click();
  const orderGift = shop.getByTestId("order-detail").locator(".order-line", { hasText: "面霜旅行小样" });
  await expect.poll(() => orderGift.textContent()).toContain("赠品");
  expect(await orderGift.textContent()).toContain("¥0.00");
  expect(await shop.getByTestId("order-payable").textContent()).toBe("¥100.00");
  await screenshot(shop, "offers-5-order-gift");

  // 首单9折 on the cream for shoppers who came by a distributor's link
  const welcome = await api<{ id: number }>(baseUrl, "/api/admin/v1/activities", owner, {
    kind: "welcome_offer",
    name: "新客首单9折",
    startsAt: new Date(Date.now() - 60_000).toISOString(),
    endsAt: new Date(Date.now() + 86_400_000).toISOString(),
    args: { scope: { type: "products", productIds: [String(cream.id)] }, payBps: 9000 },
  });
  started.push(welcome.id);
  const sharer = await signUp<{ token: string; user: { id: number } }>(baseUrl, {
    phone: "13700003202",
    password: "sharer-pass",
    nickname: "分享达人小吴",
  });
  await api(baseUrl, `/api/admin/v1/distribution/distributors/${sharer.user.id}/appoint`, owner, {});
  const { inviteCode } = await api<{ inviteCode: string }>(baseUrl, "/api/v1/distribution/me", sharer.token);
  const newcomer = await signUp<{ token: string }>(baseUrl, {
    phone: "13700003203",
    password: "newcomer-pass",
    nickname: "新来的小郑",
    ref: inviteCode,
  });
  await addAddress(baseUrl, newcomer.token);
  const linked = await shopLogin("13700003203", "newcomer-pass", `/products/${cream.id}`);
  await expect.poll(() => linked.getByTestId("welcome-price").textContent()).toBe("首单到手 ¥90.00");
  await screenshot(linked, "offers-6-product-welcome");
  await buyNow(linked);
  const discounts = linked.getByTestId("checkout-discount");
  await expect.poll(() => discounts.first().textContent()).toBe("-¥10.00");
  expect(await linked.locator(".checkout-amounts").first().textContent()).toContain("新客首单9折");
  await expect.poll(() => linked.getByTestId("checkout-payable").textContent()).toContain("90.00");
  await screenshot(linked, "offers-7-checkout-welcome");
});
