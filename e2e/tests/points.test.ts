// Points (积分) in a browser: the owner turns points on in the admin's 积分 page (1 point back per fen paid,
// 100 points = ¥1, at most half an order) and puts a mug in the points shop; a shopper whose first order
// completed sees the points on 我的 and in the history, pays part of the next order with points at checkout
// (the ¥ saved and the cap on screen), and redeems the mug in the points shop.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { baseUrl } from "../support/base-url.ts";
import { connectBrowser, desktopPage, phonePage, screenshot } from "../support/browser.ts";
import { addAddress, api, fill, signUp } from "../support/shop-api.ts";

let browser: Browser;
let owner: string;

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
  await browser?.close();
});

async function product(title: string, priceFen: number) {
  return api<{ id: number; skus: { id: number }[] }>(baseUrl, "/api/admin/v1/products", owner, {
    title,
    status: "on_sale",
    skus: [{ priceFen, stock: 50, specValues: [] }],
  });
}

/** The after-sale window for orders received from now on (0: they complete at the next sweep). */
async function afterSaleDays(days: number) {
  const res = await fetch(`${baseUrl}/api/admin/v1/settings`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${owner}`, "content-type": "application/json" },
    body: JSON.stringify({ orders: { afterSaleDays: days } }),
  });
  expect(res.status).toBe(200);
}

/** A paid, shipped and received order of `skuId` (set-up through the API, as the shopper and the owner). */
async function buyAndReceive(token: string, skuId: number) {
  const [address] = await api<{ id: number }[]>(baseUrl, "/api/v1/addresses", token);
  const order = await api<{ id: number; orderNo: string }>(baseUrl, "/api/v1/orders", token, {
    items: [{ skuId, quantity: 1 }],
    addressId: address!.id,
  });
  const started = await api<{ url: string }>(baseUrl, `/api/v1/orders/${order.orderNo}/pay`, token, {
    provider: "sandbox",
  });
  const link = Object.fromEntries(new URL(started.url, baseUrl).searchParams);
  await api(baseUrl, "/api/v1/pay/sandbox/complete", token, { ...link, result: "paid" });
  await api(baseUrl, `/api/admin/v1/orders/${order.id}/ship`, owner, {
    parcels: [{ carrier: "顺丰速运", trackingNo: `SF${order.orderNo}` }],
  });
  await afterSaleDays(0);
  try {
    await api(baseUrl, `/api/v1/orders/${order.id}/confirm-receipt`, token, {});
  } finally {
    await afterSaleDays(7);
  }
}

test("the owner turns points on; a shopper pays with points at checkout and redeems a points-shop item", {
  timeout: 300_000,
}, async () => {
  const tea = await product("高山乌龙茶礼盒", 12_000);
  const lamp = await product("阅读台灯", 8_000);
  await product("积分马克杯", 3_900);

  const admin = await desktopPage(browser);
  await admin.goto(`${baseUrl}/admin/points`);
  await fill(admin, "login-username", "owner");
  await fill(admin, "login-password", inject("ownerPassword"));
  await admin.getByTestId("login-submit").click();
  await admin.getByTestId("points-enabled").click();
  await fill(admin, "points-earn", "100");
  await fill(admin, "points-max-share", "50");
  await screenshot(admin, "points-1-admin-settings");
  await admin.getByTestId("points-save").click();
  await expect
    .poll(async () => (await api(baseUrl, "/api/admin/v1/points/settings", owner)).enabled)
    .toBe(true);
  expect(await api(baseUrl, "/api/admin/v1/points/settings", owner)).toMatchObject({
    earnBps: 10_000,
    maxShareBps: 5000,
    pointsPerYuan: 100,
  });

  // the mug for 2000 points in the points shop
  await admin.getByRole("tab", { name: "积分商城" }).click();
  await admin.getByTestId("points-item-create").click();
  await admin.getByTestId("points-item-product").locator("input").fill("积分马克杯");
  await admin.locator(".ant-select-item-option", { hasText: "积分马克杯" }).click();
  await expect.poll(() => admin.getByTestId("points-item-sku").textContent()).toContain("¥39.00");
  await fill(admin, "points-item-points", "2000");
  await fill(admin, "points-item-stock", "20");
  await screenshot(admin, "points-2-admin-shop-item-editor");
  await admin.getByTestId("points-item-save").click();
  await admin.locator(".ant-modal").waitFor({ state: "hidden" });
  await expect.poll(() => admin.locator(".ant-table-row").first().textContent()).toContain("2000 积分");
  await screenshot(admin, "points-3-admin-shop-items");

  // the shopper's first order (¥120 paid) completes: 12000 points
  const shopper = await signUp<{ token: string; user: { id: number } }>(baseUrl, {
    phone: "13700003001",
    password: "points-pass-1",
    nickname: "攒积分的小陈",
  });
  await addAddress(baseUrl, shopper.token);
  await buyAndReceive(shopper.token, tea.skus[0]!.id);
  await expect
    .poll(async () => (await api(baseUrl, "/api/v1/me/points", shopper.token)).points, {
      timeout: 30_000,
      interval: 1_000,
    })
    .toBe(12_000);

  const shop = await phonePage(browser);
  await shop.goto(`${baseUrl}/login?redirect=${encodeURIComponent("/me")}`);
  await fill(shop, "login-phone", "13700003001");
  await fill(shop, "login-password", "points-pass-1");
  await shop.getByTestId("login-submit").click();
  await expect
    .poll(() => shop.getByTestId("me-points-balance").textContent(), { timeout: 15_000 })
    .toBe("12000");
  await shop.waitForFunction(() => document.querySelectorAll(".adm-toast-mask").length === 0);
  await screenshot(shop, "points-4-me");
  await shop.getByTestId("me-points").click();
  await expect
    .poll(() => shop.getByTestId("my-points-balance").textContent(), { timeout: 15_000 })
    .toBe("12000");
  await expect.poll(() => shop.getByTestId("my-points-entry").count()).toBe(2);
  expect(await shop.getByTestId("my-points-entry").first().textContent()).toContain("订单完成");
  await screenshot(shop, "points-5-history");

  // checkout of the ¥80 lamp: at most half, 4000 points for ¥40
  await shop.goto(`${baseUrl}/checkout?items=${lamp.skus[0]!.id}x1`);
  await expect
    .poll(() => shop.getByTestId("checkout-points-note").textContent(), { timeout: 15_000 })
    .toBe("本单最多用 4000 积分抵 ¥40.00");
  await shop.getByTestId("checkout-points-switch").click();
  await expect
    .poll(() => shop.getByTestId("checkout-points-note").textContent())
    .toBe("已用 4000 积分，抵 ¥40.00");
  await expect.poll(() => shop.getByTestId("checkout-payable").textContent()).toContain("40.00");
  await expect.poll(() => shop.getByTestId("checkout-submit").isEnabled()).toBe(true);
  await screenshot(shop, "points-6-checkout");
  await shop.getByTestId("checkout-submit").click();
  await shop.getByTestId("sandbox-pay-page").waitFor({ timeout: 15_000 });
  await expect
    .poll(() => shop.getByTestId("sandbox-pay-page").textContent(), { timeout: 15_000 })
    .toContain("40.00");
  await shop.getByTestId("sandbox-pay").click();
  await shop.getByTestId("pay-result").waitFor({ timeout: 15_000 });
  expect((await api(baseUrl, "/api/v1/me/points", shopper.token)).points).toBe(8000);

  // the points shop: the mug for 2000 points, to the default address, paid by points at once
  await shop.goto(`${baseUrl}/points-shop`);
  await expect
    .poll(() => shop.getByTestId("points-shop-balance").textContent(), { timeout: 15_000 })
    .toContain("8000");
  const mug = shop.getByTestId("points-shop-item").filter({ hasText: "积分马克杯" });
  expect(await mug.getByTestId("points-shop-price").textContent()).toBe("2000 积分");
  await screenshot(shop, "points-7-points-shop");
  await mug.getByTestId("points-shop-redeem").click();
  await expect.poll(() => shop.getByTestId("points-redeem-address").textContent()).toContain("王老师");
  await screenshot(shop, "points-8-redeem-sheet");
  await shop.getByTestId("points-redeem-confirm").click();
  await shop.getByText("兑换成功").waitFor();
  await shop.getByRole("button", { name: /我知道了|确定|OK/ }).click();
  await shop.waitForURL(/\/orders\/\d+/);
  await expect.poll(() => shop.getByTestId("order-status").textContent()).toMatch(/待发货|已付款/);
  await screenshot(shop, "points-9-redeemed-order");
  expect((await api(baseUrl, "/api/v1/me/points", shopper.token)).points).toBe(6000);
});
