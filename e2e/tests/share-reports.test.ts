// Sharing and analytics in a browser, the merchant's side. A newcomer opens distributor 周分享's short product
// link, signs up through it and pays for the product; the owner then opens the dashboard and the reports page,
// where the sales trend, funnel and province charts are drawn from the tracked events, and 周分享 sees their
// own trend and funnel in the distribution centre. The distributor's side is share-poster-storefront.test.ts.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { baseUrl } from "../support/base-url.ts";
import { connectBrowser, desktopPage, phonePage, screenshot } from "../support/browser.ts";
import { addAddress, api, fill, signUp } from "../support/shop-api.ts";

const SHARER = { phone: "13700002901", password: "sharer-pass-29" };
let browser: Browser;
let ownerToken: string;
let sharer: { token: string; user: { id: number } };
let owner: Page;

beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newcomerBuysThrough(code: string, product: { id: number; skuId: number }) {
  const page = await phonePage(browser);
  await page.goto(`${baseUrl}/s/${code}/p/${product.id}`);
  await page.waitForURL(new RegExp(`/products/${product.id}\\?ref=${code}`));
  const buyer = await signUp<{ token: string }>(baseUrl, {
    phone: "13700002902",
    password: "buyer-pass-01",
    ref: code,
  });
  await addAddress(baseUrl, buyer.token);
  const [address] = await api<Array<{ id: number }>>(baseUrl, "/api/v1/addresses", buyer.token);
  const order = await api<{ orderNo: string }>(baseUrl, "/api/v1/orders", buyer.token, {
    items: [{ skuId: product.skuId, quantity: 1 }],
    addressId: address!.id,
  });
  const pay = await api<{ kind: string; url: string }>(
    baseUrl,
    `/api/v1/orders/${order.orderNo}/pay`,
    buyer.token,
    {
      provider: "sandbox",
    },
  );
  const link = Object.fromEntries(new URL(pay.url, baseUrl).searchParams);
  await api(baseUrl, "/api/v1/pay/sandbox/complete", buyer.token, { ...link, result: "paid" });
  await page.close();
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

// two tests, each under the 90 s limit on a busy machine: the sale and the dashboard, then the reports
test("a newcomer buys through a distributor's link; the merchant's dashboard charts the sale", async () => {
  ownerToken = (
    await api<{ token: string }>(baseUrl, "/api/admin/v1/auth/login", null, {
      username: "owner",
      password: inject("ownerPassword"),
    })
  ).token;
  sharer = await signUp<{ token: string; user: { id: number } }>(baseUrl, {
    ...SHARER,
    nickname: "周分享",
  });
  await api(baseUrl, `/api/admin/v1/distribution/distributors/${sharer.user.id}/appoint`, ownerToken, {});
  const { inviteCode } = await api<{ inviteCode: string }>(baseUrl, "/api/v1/distribution/me", sharer.token);
  const products = await api<{ items: Array<{ id: number }> }>(baseUrl, "/api/v1/products?limit=5", null);
  const detail = await api<{ id: number; skus: Array<{ id: number; stock: number }> }>(
    baseUrl,
    `/api/v1/products/${products.items[0]!.id}`,
    null,
  );
  const sku = detail.skus.find((s) => s.stock > 0)!;
  await newcomerBuysThrough(inviteCode, { id: detail.id, skuId: sku.id });

  owner = await desktopPage(browser);
  await owner.goto(`${baseUrl}/admin/`);
  await fill(owner, "login-username", "owner");
  await fill(owner, "login-password", inject("ownerPassword"));
  await owner.getByTestId("login-submit").click();
  await owner.getByTestId("layout-staff-name").waitFor();
  // the roll-up runs every second here (JOB_EVERY_MS; 15 s in production): the dashboard shows the paid order
  // once its day is rolled (asked of the API, then the page is drawn once)
  await expect
    .poll(
      async () =>
        (await api<{ today: { paidOrders: number } }>(baseUrl, "/api/admin/v1/reports/dashboard", ownerToken))
          .today.paidOrders,
      { timeout: 60_000, interval: 500 },
    )
    .toBeGreaterThan(0);
  await owner.reload();
  await owner.getByTestId("dashboard-sales").waitFor();
  for (const chart of ["chart-trend", "chart-funnel", "chart-provinces"])
    await owner.locator(`[data-testid="${chart}"][data-ready="true"] canvas`).waitFor();
  await screenshot(owner, "share-2-dashboard");
});

test("the reports page charts the distributor's funnel; the distributor sees their own figures", async () => {
  await owner.goto(`${baseUrl}/admin/reports`);
  await owner.locator('[data-testid="chart-report-funnel"][data-ready="true"] canvas').waitFor();
  // other tests' orders can fill the dashboard before this sharer's day is rolled up: wait for their own funnel
  await expect
    .poll(
      async () =>
        (
          await api<{ funnel: { linkOpens: number; paidOrders: number } }>(
            baseUrl,
            `/api/admin/v1/reports/funnel?distributorUserId=${sharer.user.id}`,
            ownerToken,
          )
        ).funnel,
      { timeout: 60_000, interval: 500 },
    )
    .toMatchObject({ linkOpens: 1, paidOrders: 1 });
  await screenshot(owner, "share-3-reports-funnel");

  // the distribution centre shows 周分享 their own trend and funnel (links opened → visitors → orders → paid)
  const shop = await shopLogin(SHARER.phone, SHARER.password);
  await shop.goto(`${baseUrl}/distribution`);
  const stats = shop.getByTestId("dist-my-stats");
  await stats.waitFor();
  await expect.poll(() => stats.textContent()).toMatch(/链接打开\s*1/);
  await stats.scrollIntoViewIfNeeded();
  await screenshot(shop, "share-4-distributor-own-stats");
});
