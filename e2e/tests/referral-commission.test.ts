// The money path in a browser. The owner lets commissions release at receipt (0 days) and adds a finance
// clerk; a newcomer opens distributor 小林's link, signs up and buys the ¥299 serum; 小林 sees ¥30.00 frozen
// (the seed's skincare rule: fixed ¥30 per bottle at level 1). The owner ships, the newcomer confirms
// receipt, the release sweep (every minute) makes the ¥30 available, 小林 withdraws it, and the finance
// clerk approves the withdrawal in the admin; 小林 sees it paid.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { baseUrl } from "../support/base-url.ts";
import { connectBrowser, desktopPage, phonePage, screenshot } from "../support/browser.ts";
import { addAddress, api, fill, shopperToken, signUp } from "../support/shop-api.ts";

const FINANCE = { username: "finance.wang", name: "财务小王", password: "finance-pass-1" };
const DISTRIBUTOR = { phone: "13700000201", password: "distributor-pass" };
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

async function shopLogin(phone: string, password: string): Promise<Page> {
  const page = await phonePage(browser);
  await page.goto(`${baseUrl}/login`);
  await fill(page, "login-phone", phone);
  await fill(page, "login-password", password);
  await page.getByTestId("login-submit").click();
  await page.waitForURL(/\/me/);
  return page;
}

/** Waits until antd-mobile's toasts and dialogs have gone, so a screenshot shows the page itself. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll(".adm-toast-mask, .adm-dialog").length === 0);
}

/** The owner's part before anyone buys: release at receipt, and a finance clerk for withdrawals. */
async function ownerPrepares(owner: Page): Promise<void> {
  await owner.goto(`${baseUrl}/admin/distribution/settings`);
  const days = owner.locator("#plan_release_days");
  await days.waitFor();
  await days.fill("0");
  await owner.getByTestId("dist-settings-save").click();
  await owner.locator(".ant-message-success").waitFor();
  await days.scrollIntoViewIfNeeded();
  await screenshot(owner, "referral-0-release-at-receipt");

  await owner.goto(`${baseUrl}/admin/staff`);
  await owner.getByTestId("staff-create").click();
  await fill(owner, "staff-form-username", FINANCE.username);
  await fill(owner, "staff-form-name", FINANCE.name);
  await owner.getByTestId("staff-form-role").click();
  await owner.locator(".ant-select-item-option").filter({ hasText: "财务" }).click();
  await fill(owner, "staff-form-password", FINANCE.password);
  await owner.getByTestId("staff-create-submit").click();
  const clerk = owner.getByRole("cell", { name: FINANCE.username, exact: true });
  await clerk.waitFor();
  await clerk.scrollIntoViewIfNeeded();
  await screenshot(owner, "referral-1-finance-clerk");
}

test("a referred purchase earns a commission that is released, withdrawn and approved by finance", async () => {
  const owner = await adminLogin("owner", inject("ownerPassword"));
  await ownerPrepares(owner);

  // A distributor of this test's own, appointed by the owner: other browser tests earn for the demo
  // distributor 小林 too, and this story counts every fen of one distributor's balance from zero.
  const lin = await signUp<{ token: string; user: { id: number } }>(baseUrl, {
    phone: DISTRIBUTOR.phone,
    password: DISTRIBUTOR.password,
    nickname: "林小林",
  });
  const ownerToken = (
    await api<{ token: string }>(baseUrl, "/api/admin/v1/auth/login", null, {
      username: "owner",
      password: inject("ownerPassword"),
    })
  ).token;
  await api(baseUrl, `/api/admin/v1/distribution/distributors/${lin.user.id}/appoint`, ownerToken, {});
  const { inviteCode } = await api<{ inviteCode: string }>(baseUrl, "/api/v1/distribution/me", lin.token);

  const newcomer = await phonePage(browser);
  await newcomer.goto(`${baseUrl}/?ref=${inviteCode}`);
  await newcomer.getByTestId("product-card").first().waitFor();
  await newcomer.goto(`${baseUrl}/login?mode=register`);
  await fill(newcomer, "login-phone", "13700000077");
  // demo mode: the SMS code is shown under the field (phone-account.test.ts walks sign-up in full)
  await newcomer.getByTestId("sms-send").click();
  const code = /\d{6}/.exec((await newcomer.getByTestId("sms-demo-code").textContent()) ?? "")?.[0] ?? "";
  await fill(newcomer, "sms-code", code);
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
  const orderNo = new URL(newcomer.url()).searchParams.get("orderNo") ?? "";

  const distributor = await shopLogin(DISTRIBUTOR.phone, DISTRIBUTOR.password);
  await distributor.goto(`${baseUrl}/distribution`);
  const frozen = distributor.locator('[data-testid="dist-frozen"][data-fen]');
  const available = distributor.getByTestId("dist-available");
  await expect.poll(() => frozen.getAttribute("data-fen"), { timeout: 15_000 }).toBe("3000");
  expect(await available.getAttribute("data-fen")).toBe("0");
  await screenshot(distributor, "referral-2-distributor-frozen");

  // The order completes its course: shipped in the admin, received by the newcomer.
  await owner.goto(`${baseUrl}/admin/orders`);
  await owner.getByTestId(`order-ship-${orderNo}`).click();
  await fill(owner, "ship-carrier-0", "顺丰速运");
  await fill(owner, "ship-tracking-0", "SF2026120100077");
  await owner.getByTestId("ship-submit").click();
  await owner.locator(".ant-modal").waitFor({ state: "hidden" });
  await newcomer.getByTestId("pay-result-order").click();
  await newcomer.getByTestId("order-confirm-receipt").click();
  const confirm = newcomer.getByRole("button", { name: /确认收货|确定|Confirm/ }).last();
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await expect
    .poll(() => newcomer.getByTestId("order-status").textContent(), { timeout: 15_000 })
    .toMatch(/已收货|待评价|received/i);
  await settled(newcomer);
  await screenshot(newcomer, "referral-3-newcomer-received");

  // Released at receipt: the next run of the release sweep (once a minute; every second in these tests, see
  // support/server.ts) moves the ¥30 to available.
  await expect
    .poll(
      async () => {
        await distributor.reload();
        await distributor.getByTestId("dist-wallet").waitFor();
        return available.getAttribute("data-fen");
      },
      { timeout: 80_000, interval: 1_000 },
    )
    .toBe("3000");
  expect(await frozen.getAttribute("data-fen")).toBe("0");
  await screenshot(distributor, "referral-4-distributor-released");

  await distributor.getByTestId("dist-withdraw-entry").click();
  // to WeChat: a payout outside the shop, so the form asks for the payee (商城余额 would not)
  await distributor.getByTestId("withdraw-method").getByText("微信零钱").click();
  await distributor.getByTestId("withdraw-all").click();
  await fill(distributor, "withdraw-real-name", "林小林");
  await fill(distributor, "withdraw-account", "wxid_lin_0001");
  await distributor.getByTestId("withdraw-consent").click();
  await expect.poll(() => distributor.getByTestId("withdraw-preview").textContent()).toContain("30.00");
  await screenshot(distributor, "referral-5-withdraw-form");
  await distributor.getByTestId("withdraw-submit").click();
  const row = distributor.getByTestId("withdrawal-row").first();
  await expect.poll(() => row.getAttribute("data-status"), { timeout: 15_000 }).toBe("requested");
  await settled(distributor);
  await row.scrollIntoViewIfNeeded();
  await screenshot(distributor, "referral-6-withdrawal-requested");
  expect(await row.getAttribute("data-fen")).toBe("3000");
  expect(await row.textContent()).toContain("0001");
  expect(await row.textContent()).not.toContain("wxid_lin");

  // Finance, not the owner, approves: the clerk's own login proves the role may.
  const finance = await adminLogin(FINANCE.username, FINANCE.password);
  await finance.goto(`${baseUrl}/admin/distribution/withdrawals`);
  const approve = finance.locator('[data-testid^="withdrawal-approve-"]').first();
  await approve.waitFor();
  await screenshot(finance, "referral-7-finance-queue");
  await approve.click();
  await finance.getByTestId("withdrawal-approve-confirm").click();
  await finance.locator(".ant-message-success").waitFor();
  // The queue shows what waits for review; the paid request is found under "已打款".
  await finance.getByTestId("withdrawal-filter-status").click();
  await finance.locator(".ant-select-item-option").filter({ hasText: "已打款" }).click();
  await expect
    .poll(() => finance.locator(".ant-table-row").first().textContent(), { timeout: 15_000 })
    .toMatch(/已打款.*¥30\.00|¥30\.00.*已打款/);
  await finance.locator(".ant-select-dropdown").waitFor({ state: "hidden" });
  await screenshot(finance, "referral-8-finance-paid");

  await distributor.reload();
  await expect.poll(() => row.getAttribute("data-status"), { timeout: 15_000 }).toBe("paid");
  await distributor.locator(".adm-selector-item").first().waitFor();
  await row.scrollIntoViewIfNeeded();
  await screenshot(distributor, "referral-9-withdrawal-paid");
  await distributor.goto(`${baseUrl}/distribution`);
  await expect.poll(() => available.getAttribute("data-fen"), { timeout: 15_000 }).toBe("0");
  await screenshot(distributor, "referral-10-distributor-paid");
}, 240_000);
