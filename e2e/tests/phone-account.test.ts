// A shopper's account by phone, in the demo shop (demo mode: the sandbox switch is on, so the SMS code is
// shown on screen instead of being texted): sign up with 获取验证码, reset a forgotten password (the old one
// stops working), change the phone in 我的; a visitor's SKU choice survives the trip to the login page; and a
// staff login that keeps failing is told how long to wait. Screens are saved under e2e/screenshots/.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { baseUrl } from "../support/base-url.ts";
import { connectBrowser, desktopPage, phonePage, screenshot } from "../support/browser.ts";
import { fill } from "../support/shop-api.ts";

let browser: Browser;

beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Presses 获取验证码 and reads the code the demo shows under the field. */
async function demoCode(page: Page): Promise<string> {
  await page.getByTestId("sms-send").click();
  const shown = page.getByTestId("sms-demo-code");
  await shown.waitFor();
  const code = /\d{6}/.exec((await shown.textContent()) ?? "")?.[0];
  if (!code) throw new Error("no demo code on screen");
  return code;
}

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll(".adm-toast-mask, .adm-dialog").length === 0);
}

async function passwordLogin(phone: string, password: string): Promise<number> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ phone, password }),
  });
  return res.status;
}

test("sign up with the SMS code (welcomed as new, not 'welcome back'), then change the phone in 我的", async () => {
  const page = await phonePage(browser);
  await page.goto(`${baseUrl}/login?mode=register`);
  await fill(page, "login-phone", "13700000123");
  const code = await demoCode(page);
  await expect.poll(() => page.getByTestId("sms-send").textContent()).toMatch(/\d+ 秒后重发/);
  await settled(page);
  await fill(page, "sms-code", code);
  await fill(page, "login-password", "newcomer-pass-1");
  await screenshot(page, "account-1-register-sms-code");
  await page.getByTestId("login-submit").click();
  await page.waitForURL(/\/me/);
  await expect.poll(() => page.locator(".adm-toast-main").textContent()).toContain("注册成功");
  expect(await page.getByTestId("me-phone").textContent()).toBe("137****0123");

  // 我的 → 更换手机号: the code to the new phone moves the login there
  await settled(page);
  await screenshot(page, "account-3-me");
  await page.getByTestId("me-change-phone").click();
  await page.waitForURL(/\/me\/phone/);
  await fill(page, "phone-new", "13700000456");
  const newCode = await demoCode(page);
  await settled(page);
  await fill(page, "sms-code", newCode);
  await screenshot(page, "account-4-change-phone");
  await page.getByTestId("phone-submit").click();
  await page.waitForURL(/\/me$/);
  await expect.poll(() => page.getByTestId("me-phone").textContent()).toBe("137****0456");
  expect(await passwordLogin("13700000456", "newcomer-pass-1")).toBe(200);
});

test("忘记密码: the code sets the password and signs in; every other session of the account ends", async () => {
  // 13800000004 is another test's shopper (return-restock), so the password is set to the same value again
  const elsewhere = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ phone: "13800000004", password: "demo1234" }),
  });
  const otherDevice = ((await elsewhere.json()) as { token: string }).token;
  const page = await phonePage(browser);
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId("login-forgot").click();
  await page.waitForURL(/\/forgot-password/);
  await fill(page, "reset-phone", "13800000004");
  const code = await demoCode(page);
  await settled(page);
  await fill(page, "sms-code", code);
  await fill(page, "reset-password", "demo1234");
  await screenshot(page, "account-2-forgot-password");
  await page.getByTestId("reset-submit").click();
  await page.waitForURL(/\/me/);
  const me = await fetch(`${baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${otherDevice}` } });
  expect(me.status).toBe(401);
  expect(await passwordLogin("13800000004", "demo1234")).toBe(200);
});

test("a visitor picks size L and 2 pieces, logs in, and is back at the same choice", async () => {
  const page = await phonePage(browser);
  await page.goto(`${baseUrl}/`);
  await page.getByTestId("product-card").filter({ hasText: "T恤" }).first().click();
  await page.getByTestId("buy-now").click();
  await page.getByTestId("sku-option").filter({ hasText: /^L$/ }).click();
  await page.locator('[data-testid="sku-quantity"] .adm-stepper-plus').click();
  await page.getByTestId("sku-confirm-buy").click();
  await page.waitForURL(/\/login\?redirect=/);
  await fill(page, "login-phone", "13800000002");
  await fill(page, "login-password", "demo1234");
  await page.getByTestId("login-submit").click();
  await page.waitForURL(/\/products\/\d+\?sku=\d+&qty=2&then=buy/);
  await page.getByTestId("sku-confirm-buy").waitFor();
  await expect.poll(() => page.locator(".sku-option.active").textContent()).toBe("L");
  expect(await page.locator('[data-testid="sku-quantity"] input').inputValue()).toBe("2");
  await settled(page);
  await screenshot(page, "account-5-product-after-login");
});

test("staff: a login that keeps failing says how long to wait; 支付设置 says what the demo switch covers", async () => {
  // five wrong passwords (the per-account allowance), then one more on the screen
  for (let i = 0; i < 5; i++) {
    const res = await fetch(`${baseUrl}/api/admin/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "no-such-clerk", password: `wrong-password-${i}` }),
    });
    expect(res.status).toBe(401);
  }
  const admin = await desktopPage(browser);
  await admin.goto(`${baseUrl}/admin/`);
  await fill(admin, "login-username", "no-such-clerk");
  await fill(admin, "login-password", "wrong-password-5");
  await admin.getByTestId("login-submit").click();
  await expect
    .poll(() => admin.getByTestId("login-error").textContent())
    .toMatch(/密码错误次数过多，请在 \d+ 秒后重试/);
  await screenshot(admin, "account-6-admin-login-throttled");

  await fill(admin, "login-username", "owner");
  await fill(admin, "login-password", inject("ownerPassword"));
  await admin.getByTestId("login-submit").click();
  await admin.getByTestId("layout-staff-name").waitFor();
  await admin.goto(`${baseUrl}/admin/payments/settings`);
  await admin.getByTestId("pay-settings-demo-scope").waitFor();
  await screenshot(admin, "account-7-admin-pay-settings");
});
