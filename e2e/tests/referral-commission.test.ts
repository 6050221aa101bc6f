// A newcomer opens distributor 小林's link, signs up and buys the ¥299 serum; 小林's distribution centre then
// shows ¥30.00 frozen (the seed document's skincare rule: fixed ¥30 per bottle at level 1), waiting for the
// after-sale window before it can be withdrawn.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { launchBrowser, phonePage, screenshot } from "../support/browser.ts";
import { addAddress, api, fill, shopperToken } from "../support/shop-api.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test("a shopper who came by a distributor's link earns that distributor a frozen commission", async () => {
  const lin = await api<{ token: string }>(baseUrl, "/api/v1/auth/login", null, {
    phone: "13800000001",
    password: "demo1234",
  });
  const { inviteCode } = await api<{ inviteCode: string }>(baseUrl, "/api/v1/distribution/me", lin.token);

  const newcomer = await phonePage(browser);
  await newcomer.goto(`${baseUrl}/?ref=${inviteCode}`);
  await newcomer.getByTestId("product-card").first().waitFor();
  await newcomer.goto(`${baseUrl}/login?mode=register`);
  await fill(newcomer, "login-phone", "13700000077");
  await fill(newcomer, "login-password", "newcomer-pass");
  await newcomer.getByTestId("login-submit").click();
  await newcomer.waitForURL(/\/me/);
  const token = await shopperToken(newcomer);
  const referrer = await api<any>(baseUrl, "/api/v1/distribution/referrer", token);
  expect(referrer.referrer?.inviteCode).toBe(inviteCode);
  await addAddress(baseUrl, token);

  await newcomer.goto(`${baseUrl}/`);
  await newcomer.getByTestId("product-card").filter({ hasText: "精华" }).first().click();
  await newcomer.getByTestId("buy-now").click();
  await newcomer.getByTestId("sku-confirm-buy").waitFor();
  if ((await newcomer.getByTestId("sku-option").count()) > 0)
    await newcomer.getByTestId("sku-option").first().click();
  await newcomer.getByTestId("sku-confirm-buy").click();
  await newcomer.getByTestId("checkout-submit").click();
  await newcomer.getByTestId("sandbox-pay-page").waitFor({ timeout: 15_000 });
  await newcomer.getByTestId("sandbox-pay").click();
  await newcomer.getByTestId("pay-result").waitFor({ timeout: 15_000 });
  expect(await newcomer.getByTestId("pay-result").getAttribute("data-paid")).toBe("true");

  const distributor = await phonePage(browser);
  await distributor.goto(`${baseUrl}/login`);
  await fill(distributor, "login-phone", "13800000001");
  await fill(distributor, "login-password", "demo1234");
  await distributor.getByTestId("login-submit").click();
  await distributor.waitForURL(/\/me/);
  await distributor.goto(`${baseUrl}/distribution`);
  const frozen = distributor.locator('[data-testid="dist-frozen"][data-fen]');
  await expect.poll(() => frozen.getAttribute("data-fen"), { timeout: 15_000 }).toBe("3000");
  await screenshot(distributor, "referral-1-distributor-frozen");
});
