// Coupons and a flash sale in a browser: the owner creates a 秒杀 in the admin's 限时折扣 / 秒杀 page and the
// shop shows its badge in the search list and its price and countdown on the product page; a shopper claims
// two coupons in the 领券中心, checkout picks the one that saves most (the other greyed with why), and the paid
// amount and the order page show the ¥20 off.
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

/** A product of this test's own, so the demo goods other tests price keep their prices. */
async function product(title: string, priceFen: number) {
  return api<{ id: number; skus: { id: number }[] }>(baseUrl, "/api/admin/v1/products", owner, {
    title,
    status: "on_sale",
    skus: [{ priceFen, stock: 50, specValues: [] }],
  });
}

test("the owner's flash sale shows in the shop; a claimed coupon takes ¥20 off the paid order", async () => {
  const earbuds = await product("降噪蓝牙耳机", 9900);
  const lamp = await product("护眼台灯", 15000);
  await api(baseUrl, "/api/admin/v1/coupon-templates", owner, {
    name: "满500减100",
    kind: "coupon_amount_off",
    args: { minSpendFen: 50000, offFen: 10000 },
    validDays: 7,
    totalQuantity: 10,
  });

  // the owner puts the earbuds on a ¥59 flash sale with 30 units set aside, from the admin
  const admin = await desktopPage(browser);
  await admin.goto(`${baseUrl}/admin/flash-sales`);
  await fill(admin, "login-username", "owner");
  await fill(admin, "login-password", inject("ownerPassword"));
  await admin.getByTestId("login-submit").click();
  await admin.getByTestId("promo-create").click();
  await fill(admin, "promo-name", "耳机秒杀");
  await admin.getByTestId("promo-product").locator("input").fill("降噪蓝牙");
  await admin.locator(".ant-select-item-option", { hasText: "降噪蓝牙耳机" }).click();
  const sku = earbuds.skus[0]!.id;
  await fill(admin, `promo-price-${sku}`, "59");
  await fill(admin, `promo-stock-${sku}`, "30");
  await fill(admin, "promo-limit", "2");
  await screenshot(admin, "promo-1-admin-flash-sale-editor");
  await admin.getByTestId("promo-save").click();
  const row = admin.getByTestId("promo-row").filter({ hasText: "耳机秒杀" });
  await expect.poll(() => row.textContent()).toContain("进行中");
  await screenshot(admin, "promo-2-admin-flash-sales");

  const shopper = await signUp<{ token: string }>(baseUrl, {
    phone: "13700002301",
    password: "coupon-pass",
    nickname: "爱省钱的小林",
  });
  await addAddress(baseUrl, shopper.token);
  const shop = await phonePage(browser);
  await shop.goto(`${baseUrl}/login?redirect=${encodeURIComponent("/coupons")}`);
  await fill(shop, "login-phone", "13700002301");
  await fill(shop, "login-password", "coupon-pass");
  await shop.getByTestId("login-submit").click();
  await shop.getByTestId("coupon-centre").waitFor();
  for (const name of ["满100减20", "满500减100"]) {
    const claim = shop.locator(`[data-testid="centre-claim"][data-coupon-name="${name}"]`);
    await claim.click();
    await expect.poll(() => claim.textContent()).toContain("已领取");
  }
  await screenshot(shop, "promo-3-coupon-centre");

  // the flash sale in the list and on the product page
  await shop.goto(`${baseUrl}/search?q=${encodeURIComponent("降噪蓝牙耳机")}`);
  const card = shop.getByTestId("product-card").filter({ hasText: "降噪蓝牙耳机" });
  await expect.poll(() => card.getByTestId("promo-badge").textContent()).toBe("秒杀");
  expect(await card.textContent()).toContain("¥59.00");
  await screenshot(shop, "promo-4-list-badge");
  await card.click();
  await expect.poll(() => shop.getByTestId("product-promo-price").textContent()).toBe("¥59.00");
  expect(await shop.getByTestId("promo-countdown").textContent()).toMatch(/距结束.*\d{2}:\d{2}:\d{2}/);
  expect(await shop.getByTestId("product-promo").textContent()).toContain("仅剩 30 件");
  await screenshot(shop, "promo-5-product-countdown");

  // checkout: the ¥150 lamp; 满100减20 is chosen for the shopper, 满500减100 says how far off it is
  await shop.goto(`${baseUrl}/checkout?items=${lamp.skus[0]!.id}x1`);
  await expect.poll(() => shop.getByTestId("checkout-coupon-amount").textContent()).toBe("-¥20.00");
  await expect.poll(() => shop.getByTestId("checkout-payable").textContent()).toContain("130.00");
  await shop.getByTestId("checkout-coupon").click();
  await expect.poll(() => shop.getByTestId("coupon-unusable").textContent()).toContain("还差 ¥350.00 可用");
  await screenshot(shop, "promo-6-checkout-coupons");
  await shop.getByTestId("coupon-option").first().click();
  await shop.getByTestId("coupon-sheet").waitFor({ state: "hidden" });
  await expect.poll(() => shop.getByTestId("checkout-submit").isEnabled()).toBe(true);
  await screenshot(shop, "promo-7-checkout");
  await shop.getByTestId("checkout-submit").click();
  await shop.getByTestId("sandbox-pay-page").waitFor({ timeout: 15_000 });
  // the cashier's title shows before its amount arrives
  await expect
    .poll(() => shop.getByTestId("sandbox-pay-page").textContent(), { timeout: 15_000 })
    .toContain("130.00");
  await shop.getByTestId("sandbox-pay").click();
  await shop.getByTestId("pay-result").waitFor({ timeout: 15_000 });
  expect(await shop.getByTestId("pay-result").getAttribute("data-paid")).toBe("true");
  await shop.getByTestId("pay-result-order").click();
  await expect.poll(() => shop.getByTestId("order-discount").textContent()).toBe("-¥20.00");
  expect(await shop.getByTestId("order-payable").textContent()).toBe("¥130.00");
  await screenshot(shop, "promo-8-order");

  const used = await api<{ name: string }[]>(baseUrl, "/api/v1/coupons/mine?status=used", shopper.token);
  expect(used.map((c) => c.name)).toEqual(["满100减20"]);
});
