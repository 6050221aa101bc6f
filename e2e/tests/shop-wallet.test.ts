// The shop balance (商城余额) in a browser. A newcomer buys the ¥299 serum through distributor 小林's link
// (set up through the API: paid in the sandbox, shipped, received); the release sweep makes 小林's ¥30
// commission available. 小林 withdraws it to the shop balance — the form asks for no name or account —
// finance approves, and the ¥30 is on 我的 at once. 小林 buys apples with it: checkout shows the balance
// paying ¥30 and the sandbox the rest; paid, the balance history lists the withdrawal and the payment.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { baseUrl } from "../support/base-url.ts";
import { connectBrowser, desktopPage, phonePage, screenshot } from "../support/browser.ts";
import { addAddress, api, fill, signUp } from "../support/shop-api.ts";

let browser: Browser;

beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Waits until antd-mobile's toasts and dialogs have gone, so a screenshot shows the page itself. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll(".adm-toast-mask, .adm-dialog").length === 0);
}

async function releaseAtReceipt(): Promise<void> {
  const owner = await desktopPage(browser);
  await owner.goto(`${baseUrl}/admin/`);
  await fill(owner, "login-username", "owner");
  await fill(owner, "login-password", inject("ownerPassword"));
  await owner.getByTestId("login-submit").click();
  await owner.getByTestId("layout-staff-name").waitFor();
  await owner.goto(`${baseUrl}/admin/distribution/settings`);
  const days = owner.locator("#plan_release_days");
  await days.waitFor();
  await days.fill("0");
  await owner.getByTestId("dist-settings-save").click();
  await owner.locator(".ant-message-success").waitFor();
  await owner.close();
}

/** A newcomer buys the serum through 小林's link and receives it, all through the API. */
async function referredPurchase(inviteCode: string, ownerToken: string): Promise<void> {
  const newcomer = await signUp<{ token: string }>(baseUrl, {
    phone: "13700000066",
    password: "newcomer-pass",
    ref: inviteCode,
  });
  await addAddress(baseUrl, newcomer.token);
  const addresses = await api<Array<{ id: number }>>(baseUrl, "/api/v1/addresses", newcomer.token);
  const products = await api<{ items: Array<{ id: number; title: string }> }>(
    baseUrl,
    "/api/v1/products",
    null,
  );
  const serum = products.items.find((p) => p.title.includes("精华"))!;
  const detail = await api<{ skus: Array<{ id: number }> }>(baseUrl, `/api/v1/products/${serum.id}`, null);
  const order = await api<{ id: number; orderNo: string }>(baseUrl, "/api/v1/orders", newcomer.token, {
    items: [{ skuId: detail.skus[0]!.id, quantity: 1 }],
    addressId: addresses[0]!.id,
  });
  const started = await api<{ url: string }>(baseUrl, `/api/v1/orders/${order.orderNo}/pay`, newcomer.token, {
    provider: "sandbox",
  });
  const link = Object.fromEntries(new URL(started.url, baseUrl).searchParams);
  await api(baseUrl, "/api/v1/pay/sandbox/complete", newcomer.token, { ...link, result: "paid" });
  await api(baseUrl, `/api/admin/v1/orders/${order.id}/ship`, ownerToken, {
    parcels: [{ carrier: "顺丰速运", trackingNo: "SF2026120300066" }],
  });
  await api(baseUrl, `/api/v1/orders/${order.id}/confirm-receipt`, newcomer.token, {});
}

test("commission withdrawn to the shop balance shows on 我的, pays an order, and is in the history", async () => {
  await releaseAtReceipt();
  const owner = await api<{ token: string }>(baseUrl, "/api/admin/v1/auth/login", null, {
    username: "owner",
    password: inject("ownerPassword"),
  });
  const lin = await api<{ token: string }>(baseUrl, "/api/v1/auth/login", null, {
    phone: "13800000001",
    password: "demo1234",
  });
  const { inviteCode } = await api<{ inviteCode: string }>(baseUrl, "/api/v1/distribution/me", lin.token);
  const before = await api<{ availableFen: number }>(baseUrl, "/api/v1/distribution/wallet", lin.token);
  await referredPurchase(inviteCode, owner.token);
  // The release sweep runs once a minute (every second in these tests, see support/server.ts).
  await expect
    .poll(
      async () =>
        (await api<{ availableFen: number }>(baseUrl, "/api/v1/distribution/wallet", lin.token)).availableFen,
      { timeout: 80_000, interval: 1_000 },
    )
    .toBe(before.availableFen + 3000);
  await addAddress(baseUrl, lin.token);

  const page = await phonePage(browser);
  await page.goto(`${baseUrl}/login`);
  await fill(page, "login-phone", "13800000001");
  await fill(page, "login-password", "demo1234");
  await page.getByTestId("login-submit").click();
  await page.waitForURL(/\/me/);
  await expect.poll(() => page.getByTestId("me-wallet-balance").textContent()).toBe("¥0.00");

  // Withdraw to the shop balance: no name, account or consent asked for.
  await page.goto(`${baseUrl}/distribution/withdraw`);
  await page.getByTestId("withdraw-method").getByText("商城余额").click();
  await page.getByTestId("withdraw-wallet-hint").waitFor();
  expect(await page.getByTestId("withdraw-real-name").count()).toBe(0);
  expect(await page.getByTestId("withdraw-account").count()).toBe(0);
  await fill(page, "withdraw-amount", "30");
  await expect.poll(() => page.getByTestId("withdraw-preview").textContent()).toContain("30.00");
  await screenshot(page, "wallet-1-withdraw-to-balance");
  await page.getByTestId("withdraw-submit").click();
  const row = page.getByTestId("withdrawal-row").first();
  await expect.poll(() => row.getAttribute("data-status"), { timeout: 15_000 }).toBe("requested");
  const withdrawals = await api<{ items: Array<{ id: number; method: string; status: string }> }>(
    baseUrl,
    "/api/v1/distribution/withdrawals",
    lin.token,
  );
  const requested = withdrawals.items.find((w) => w.method === "wallet" && w.status === "requested")!;
  const approved = await api<{ status: string }>(
    baseUrl,
    `/api/admin/v1/distribution/withdrawals/${requested.id}/approve`,
    owner.token,
    {},
  );
  expect(approved.status).toBe("paid");

  // On 我的 at once.
  await page.goto(`${baseUrl}/me`);
  await expect.poll(() => page.getByTestId("me-wallet-balance").textContent()).toBe("¥30.00");
  await screenshot(page, "wallet-2-me-balance");

  // Buy apples: the balance pays ¥30.00, the sandbox the rest.
  await page.goto(`${baseUrl}/`);
  await page.getByTestId("product-card").filter({ hasText: "苹果" }).first().click();
  await page.getByTestId("buy-now").click();
  await page.getByTestId("sku-confirm-buy").waitFor();
  if ((await page.getByTestId("sku-option").count()) > 0)
    await page.getByTestId("sku-option").first().click();
  await page.getByTestId("sku-confirm-buy").click();
  await page.getByTestId("wallet-pay-available").waitFor();
  expect(await page.getByTestId("wallet-pay-available").textContent()).toContain("¥30.00");
  await page.getByTestId("wallet-pay-switch").click();
  await expect.poll(() => page.getByTestId("wallet-pay-split").textContent()).toContain("余额抵扣 ¥30.00");
  await page.getByTestId("wallet-pay").scrollIntoViewIfNeeded();
  await screenshot(page, "wallet-3-checkout-with-balance");
  // The bar shows what is left to pay after the balance, and the sandbox is asked for exactly that.
  const restText = (await page.getByTestId("checkout-payable").textContent())!.replace(/[^0-9]/g, "");
  await page.getByTestId("checkout-submit").click();
  await page.getByTestId("sandbox-pay-page").waitFor({ timeout: 15_000 });
  const sandboxAmount = Number(new URL(page.url()).searchParams.get("amount"));
  expect(sandboxAmount).toBe(Number(restText));
  await page.getByTestId("sandbox-pay").click();
  await page.getByTestId("pay-result").waitFor({ timeout: 15_000 });
  expect(await page.getByTestId("pay-result").getAttribute("data-paid")).toBe("true");

  await page.getByTestId("pay-result-order").click();
  await page.getByTestId("order-wallet-paid").waitFor();
  expect(await page.getByTestId("order-wallet-paid").textContent()).toBe("¥30.00");
  // the sandbox was asked only for what the balance does not pay
  const payable = (await page.getByTestId("order-payable").textContent())!.replace(/[^0-9]/g, "");
  expect(sandboxAmount).toBe(Number(payable) - 3000);
  await settled(page);
  await page.getByTestId("order-wallet-paid").scrollIntoViewIfNeeded();
  await screenshot(page, "wallet-4-order-paid-with-balance");

  // The history: the payment, then the withdrawal that brought the money.
  await page.goto(`${baseUrl}/me`);
  await expect.poll(() => page.getByTestId("me-wallet-balance").textContent()).toBe("¥0.00");
  await page.getByTestId("me-wallet").click();
  await page.getByTestId("wallet-entry").nth(1).waitFor();
  const kinds = await page
    .getByTestId("wallet-entry")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-kind")));
  expect(kinds).toEqual(["payment", "withdrawal"]);
  const amounts = await page.getByTestId("wallet-entry-amount").allTextContents();
  expect(amounts).toEqual(["-¥30.00", "+¥30.00"]);
  expect(await page.getByTestId("wallet-balance").textContent()).toBe("¥0.00");
  await screenshot(page, "wallet-5-history");
}, 240_000);
