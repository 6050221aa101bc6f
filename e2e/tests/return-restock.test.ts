// A return with restock, as merchant and shopper meet it: the owner sets the return address; a shopper whom
// 小林 referred buys the serum, asks for 退货退款, is approved and sees where to send it; a support clerk
// confirms the parcel arrived in the confirmation dialog (amount, destination, 小林's commission, restock)
// and the unit is back in stock; support cannot refund, so the refund waits in 待退款确认, where the owner
// refunds less (¥100, with a reason) and 小林's commission shrinks by that share, as the dialog said.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { baseUrl } from "../support/base-url.ts";
import { connectBrowser, desktopPage, phonePage, screenshot } from "../support/browser.ts";
import { addAddress, api, fill, shopperToken } from "../support/shop-api.ts";

const SUPPORT = { username: "kefu-return", name: "客服小周", password: "support-pass-1" };
const RETURN_TO = { name: "王仓管", phone: "0755-88886666", address: "深圳市南山区科技园仓库 3 号门" };
let browser: Browser;

beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function adminLogin(username: string, password: string): Promise<Page> {
  const admin = await desktopPage(browser);
  await admin.goto(`${baseUrl}/admin/`);
  await fill(admin, "login-username", username);
  await fill(admin, "login-password", password);
  await admin.getByTestId("login-submit").click();
  await admin.getByTestId("layout-staff-name").waitFor();
  return admin;
}

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll(".adm-toast-mask, .adm-dialog").length === 0);
}

async function serumStock(ownerToken: string): Promise<number> {
  const page = await api<any>(baseUrl, "/api/admin/v1/products?limit=50&q=%E7%B2%BE%E5%8D%8E", ownerToken);
  const serum = page.items.find((p: { title: string }) => p.title.includes("精华"));
  const product = await api<any>(baseUrl, `/api/admin/v1/products/${serum.id}`, ownerToken);
  return product.skus[0].stock as number;
}

test("return with restock: address shown to the shopper, receipt confirmed with the money shown, stock back up", async () => {
  const { token: ownerToken } = await api<{ token: string }>(baseUrl, "/api/admin/v1/auth/login", null, {
    username: "owner",
    password: inject("ownerPassword"),
  });
  await api(baseUrl, "/api/admin/v1/staff", ownerToken, { ...SUPPORT, role: "support" });

  // The owner sets where returns go.
  const owner = await adminLogin("owner", inject("ownerPassword"));
  await owner.goto(`${baseUrl}/admin/settings`);
  await fill(owner, "settings-return-name", RETURN_TO.name);
  await fill(owner, "settings-return-phone", RETURN_TO.phone);
  await fill(owner, "settings-return-address", RETURN_TO.address);
  await owner.getByTestId("settings-save").click();
  await owner.locator(".ant-message-success").waitFor();
  await owner.getByTestId("settings-return-name").scrollIntoViewIfNeeded();
  await screenshot(owner, "return-0-owner-settings");
  await owner.getByTestId("settings-limits-save").scrollIntoViewIfNeeded();
  await screenshot(owner, "return-0b-owner-money-limits");

  // The shopper buys the serum.
  const shop = await phonePage(browser);
  await shop.goto(`${baseUrl}/login`);
  await fill(shop, "login-phone", "13800000004");
  await fill(shop, "login-password", "demo1234");
  await shop.getByTestId("login-submit").click();
  await shop.waitForURL(/\/me/);
  const token = await shopperToken(shop);
  await addAddress(baseUrl, token);
  const lin = await api<{ token: string }>(baseUrl, "/api/v1/auth/login", null, {
    phone: "13800000001",
    password: "demo1234",
  });
  const { inviteCode } = await api<{ inviteCode: string }>(baseUrl, "/api/v1/distribution/me", lin.token);
  await api(baseUrl, "/api/v1/referrals/visit", token, { ref: inviteCode, source: "link" });
  await shop.goto(`${baseUrl}/`);
  await shop.getByTestId("product-card").filter({ hasText: "精华" }).first().click();
  await shop.getByTestId("buy-now").click();
  await shop.getByTestId("sku-confirm-buy").waitFor();
  if ((await shop.getByTestId("sku-option").count()) > 0)
    await shop.getByTestId("sku-option").first().click();
  await shop.getByTestId("sku-confirm-buy").click();
  await shop.getByTestId("checkout-submit").click();
  await shop.getByTestId("sandbox-pay-page").waitFor({ timeout: 30_000 });
  await shop.getByTestId("sandbox-pay").click();
  await shop.getByTestId("pay-result").waitFor({ timeout: 30_000 });
  const orderNo = new URL(shop.url()).searchParams.get("orderNo") ?? "";
  const stockAfterSale = await serumStock(ownerToken);

  await owner.goto(`${baseUrl}/admin/orders`);
  await owner.getByTestId(`order-ship-${orderNo}`).click();
  await fill(owner, "ship-carrier-0", "顺丰速运");
  await fill(owner, "ship-tracking-0", "SF2026120300099");
  await owner.getByTestId("ship-submit").click();
  await owner.locator(".ant-modal").waitFor({ state: "hidden" });

  // 退货退款 from the order page.
  await shop.getByTestId("pay-result-order").click();
  await shop.getByTestId("order-after-sale").click();
  await shop.getByTestId("after-sale-form").waitFor();
  await shop.getByTestId("after-sale-kind-return_refund").click();
  // The order's only line comes pre-selected with all its units.
  await shop.getByTestId("after-sale-reason").getByText("不想要了").click();
  await shop.getByTestId("after-sale-submit").click();
  await shop.waitForURL(/\/after-sales/);
  const [request] = (await api<any>(baseUrl, "/api/v1/after-sales?limit=1", token)).items;
  expect(request).toMatchObject({ kind: "return_refund", status: "requested", returnAddress: null });

  // Support approves the return (no money moves yet).
  const support = await adminLogin(SUPPORT.username, SUPPORT.password);
  await support.goto(`${baseUrl}/admin/after-sales`);
  await support.getByTestId(`after-sale-approve-${request.id}`).click();
  await support.getByTestId("after-sale-decide-submit").click();
  await support.locator(".ant-message-success").waitFor();

  // The shopper sees where to send the parcel, and sends it.
  await shop.goto(`${baseUrl}/after-sales`);
  const address = shop.getByTestId("after-sale-return-address").first();
  await expect.poll(() => address.textContent(), { timeout: 30_000 }).toContain(RETURN_TO.address);
  expect(await address.textContent()).toContain(RETURN_TO.name);
  await settled(shop);
  await address.scrollIntoViewIfNeeded();
  await screenshot(shop, "return-1-shopper-sees-address");
  await fill(shop, "after-sale-carrier", "顺丰速运");
  await fill(shop, "after-sale-tracking", "SF2026120300100");
  await shop.getByTestId("after-sale-ship-back").click();
  await expect
    .poll(() => shop.getByTestId("after-sale-row").first().getAttribute("data-status"), { timeout: 30_000 })
    .toBe("awaiting_return");

  // Support confirms the parcel arrived: the dialog shows the money before anything happens.
  await support.getByTestId("after-sale-filter-status").click();
  await support.locator(".ant-select-item-option").filter({ hasText: "待收退货" }).first().click();
  await support.getByTestId(`after-sale-confirm-return-${request.id}`).click();
  const dialog = support.getByTestId("refund-confirm");
  await dialog.waitFor({ timeout: 30_000 });
  await support.locator(".ant-message-notice").waitFor({ state: "detached" });
  expect(await support.getByTestId("refund-confirm-amount").textContent()).toContain("299");
  expect(await support.getByTestId("refund-confirm-destination").textContent()).toContain("沙箱");
  const restock = support.getByTestId("refund-confirm-restock");
  const box = (await restock.evaluate((el) => el.tagName)) === "INPUT" ? restock : restock.locator("input");
  expect(await box.isChecked()).toBe(true);
  expect(await dialog.textContent()).toContain("待退款确认");
  // 小林's level-1 commission on this order is cancelled in full by a full refund.
  expect(await dialog.textContent()).toMatch(/小林 第 1 级佣金 ¥\d+\.\d{2}：全部取消/);
  await screenshot(support, "return-2-support-confirms-receipt");
  await support.getByTestId("refund-confirm-submit").click();
  await support.locator(".ant-message-success").waitFor();

  // The unit is back on the shelf, logged with the after-sale; the money has not moved.
  expect(await serumStock(ownerToken)).toBe(stockAfterSale + 1);
  const returned = await api<any>(baseUrl, `/api/v1/after-sales/${request.id}`, token);
  expect(returned).toMatchObject({ status: "returned", restocked: true });
  await owner.goto(`${baseUrl}/admin/stock`);
  await owner.getByRole("tab", { name: /库存流水/ }).click();
  await owner.getByText("退货入库").first().waitFor({ timeout: 30_000 });
  await screenshot(owner, "return-3-stock-log");

  // The owner (who may refund) confirms it in 待退款确认, seeing the same money first.
  await owner.goto(`${baseUrl}/admin/refund-queue`);
  await owner.getByTestId(`refund-queue-confirm-${request.id}`).click();
  await owner.getByTestId("refund-confirm").waitFor({ timeout: 30_000 });
  expect(await owner.getByTestId("refund-confirm-amount").textContent()).toContain("299");
  // The owner refunds ¥100 of ¥299 (the box came back dented): a reason is required, and the dialog shows
  // the commission cut by the refunded share, computed by the server.
  await fill(owner, "refund-confirm-amount-input", "100");
  await expect
    .poll(() => owner.getByTestId("refund-confirm-amount").textContent(), { timeout: 30_000 })
    .toContain("100.00");
  expect(await owner.getByTestId("refund-confirm-submit").isDisabled()).toBe(true);
  await fill(owner, "refund-confirm-reason", "外盒压损，协商退 ¥100");
  const cut = await owner.getByTestId("refund-confirm").textContent();
  expect(cut).toMatch(/小林 第 1 级佣金 ¥\d+\.\d{2}：按退款比例扣减/);
  await expect.poll(() => owner.getByTestId("refund-confirm-submit").isEnabled()).toBe(true);
  await screenshot(owner, "return-4-refund-queue-confirm-partial");
  await owner.getByTestId("refund-confirm-submit").click();
  await owner.locator(".ant-message-success").waitFor();
  await expect
    .poll(async () => (await api<any>(baseUrl, `/api/v1/after-sales/${request.id}`, token)).status, {
      timeout: 30_000,
    })
    .toBe("refunded");
  await screenshot(owner, "return-5-refund-queue-empty");
  const order = await api<any>(baseUrl, `/api/v1/orders/${request.orderId}`, token);
  expect(order.refundedFen).toBe(10_000);
  const { items: lines } = await api<any>(
    baseUrl,
    `/api/admin/v1/distribution/commissions?orderId=${request.orderId}`,
    ownerToken,
  );
  const level1 = lines.find((c: { level: number }) => c.level === 1);
  // Kept = ⌊commission × what is left paid / paid⌋; the rest came back with the refund.
  const paid = order.items[0].paidFen as number;
  const kept = Math.floor((level1.amountFen * (paid - 10_000)) / paid);
  expect(level1).toMatchObject({ clawedBackFen: level1.amountFen - kept, status: "frozen" });
  await shop.reload();
  await expect
    .poll(() => shop.getByTestId("after-sale-row").first().getAttribute("data-status"), { timeout: 30_000 })
    .toBe("refunded");
  expect(await shop.getByTestId("after-sale-row").first().textContent()).toContain("外盒压损");
  await settled(shop);
  await screenshot(shop, "return-6-shopper-refunded");
});
