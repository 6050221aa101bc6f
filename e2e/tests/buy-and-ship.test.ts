// A shopper buys the ¥299 serum on a phone, pays in the sandbox, the merchant ships it in the admin,
// and the shopper confirms receipt: the order is "received" on both sides.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { baseUrl } from "../support/base-url.ts";
import { connectBrowser, desktopPage, phonePage, screenshot } from "../support/browser.ts";
import { addAddress, api, fill, shopperToken } from "../support/shop-api.ts";

let browser: Browser;

beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test("buy in the shop, ship in the admin, confirm receipt", async () => {
  const shop = await phonePage(browser);
  await shop.goto(`${baseUrl}/login`);
  await fill(shop, "login-phone", "13800000003");
  await fill(shop, "login-password", "demo1234");
  await shop.getByTestId("login-submit").click();
  await shop.waitForURL(/\/me/);
  const token = await shopperToken(shop);
  await addAddress(baseUrl, token);

  await shop.goto(`${baseUrl}/`);
  await shop.getByTestId("product-card").filter({ hasText: "精华" }).first().click();
  await expect.poll(() => shop.getByTestId("product-title").textContent()).toContain("精华");
  await screenshot(shop, "buy-1-product");
  await shop.getByTestId("buy-now").click();
  await shop.getByTestId("sku-confirm-buy").waitFor();
  // A product with spec axes asks for a choice; the serum's single SKU needs none.
  if ((await shop.getByTestId("sku-option").count()) > 0)
    await shop.getByTestId("sku-option").first().click();
  await shop.getByTestId("sku-confirm-buy").click();
  await expect
    .poll(() => shop.getByTestId("checkout-payable").textContent(), { timeout: 15_000 })
    .toContain("299");
  await screenshot(shop, "buy-2-checkout");
  await shop.getByTestId("checkout-submit").click();

  // The sandbox provider's pay page: "pay" sends the server a signed notification, as a real provider would.
  await shop.getByTestId("sandbox-pay-page").waitFor({ timeout: 15_000 });
  await screenshot(shop, "buy-3-sandbox-pay");
  await shop.getByTestId("sandbox-pay").click();
  await shop.getByTestId("pay-result").waitFor({ timeout: 15_000 });
  expect(await shop.getByTestId("pay-result").getAttribute("data-paid")).toBe("true");
  const orderNo = new URL(shop.url()).searchParams.get("orderNo") ?? "";
  expect(orderNo).toMatch(/^\d{16,}$/);
  await shop.getByTestId("pay-result-order").click();
  await expect
    .poll(() => shop.getByTestId("order-status").textContent(), { timeout: 15_000 })
    .toMatch(/待发货|paid/i);
  await screenshot(shop, "buy-4-paid");

  const admin = await desktopPage(browser);
  await admin.goto(`${baseUrl}/admin/`);
  await screenshot(admin, "ship-0-login");
  await fill(admin, "login-username", "owner");
  await fill(admin, "login-password", inject("ownerPassword"));
  await admin.getByTestId("login-submit").click();
  await admin.getByTestId("layout-staff-name").waitFor();
  await admin.goto(`${baseUrl}/admin/orders`);
  await admin.getByTestId(`order-ship-${orderNo}`).click();
  await fill(admin, "ship-carrier-0", "顺丰速运");
  await fill(admin, "ship-tracking-0", "SF1234567890");
  await screenshot(admin, "ship-1-dialog");
  await admin.getByTestId("ship-submit").click();
  await expect
    .poll(async () => (await api<any>(baseUrl, `/api/v1/orders?status=shipped`, token)).items?.length ?? 0, {
      timeout: 15_000,
    })
    .toBeGreaterThan(0);
  await screenshot(admin, "ship-2-shipped");

  await shop.reload();
  await shop.getByTestId("order-confirm-receipt").click();
  const confirm = shop.getByRole("button", { name: /确认收货|确定|Confirm/ }).last();
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await expect
    .poll(() => shop.getByTestId("order-status").textContent(), { timeout: 15_000 })
    .toMatch(/已收货|待评价|received/i);
  await screenshot(shop, "buy-5-received");
});
