// Sharing and analytics in a browser. A newcomer opens distributor 林分享's short product link, signs up
// through it and pays for the product; 林分享 opens the product in the shop, sees 分享预计赚 and makes the
// product poster, which the server draws and the page shows; the owner then opens the dashboard and the
// reports page, where the sales trend, funnel and province charts are drawn from the tracked events.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { desktopPage, launchBrowser, phonePage, screenshot } from "../support/browser.ts";
import { addAddress, api, fill, signUp } from "../support/shop-api.ts";

const baseUrl = inject("baseUrl");
const SHARER = { phone: "13700000301", password: "sharer-pass-01" };
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newcomerBuysThrough(code: string, product: { id: number; skuId: number }) {
  const page = await phonePage(browser);
  await page.goto(`${baseUrl}/s/${code}/p/${product.id}`);
  await page.waitForURL(new RegExp(`/products/${product.id}\\?ref=${code}`));
  const buyer = await signUp<{ token: string }>(baseUrl, {
    phone: "13700000302",
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

test("a distributor's poster renders in the shop; the merchant's dashboard and funnel chart what happened", async () => {
  const ownerToken = (
    await api<{ token: string }>(baseUrl, "/api/admin/v1/auth/login", null, {
      username: "owner",
      password: inject("ownerPassword"),
    })
  ).token;
  const sharer = await signUp<{ token: string; user: { id: number } }>(baseUrl, {
    ...SHARER,
    nickname: "林分享",
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

  const shop = await shopLogin(SHARER.phone, SHARER.password);
  await shop.goto(`${baseUrl}/products/${detail.id}`);
  await shop.getByTestId("product-share").click();
  await expect.poll(() => shop.getByTestId("share-estimate").textContent()).toMatch(/分享预计赚 ¥\d/);
  expect(await shop.getByTestId("share-link").textContent()).toBe(
    `${baseUrl}/s/${inviteCode}/p/${detail.id}`,
  );
  await shop.getByTestId("share-poster").click();
  const poster = shop.getByTestId("share-poster-image");
  await poster.waitFor();
  await expect
    .poll(() => poster.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBe(750);
  await poster.scrollIntoViewIfNeeded();
  await screenshot(shop, "share-1-product-poster");

  // 林分享 names their storefront and picks the product; a visitor opens it through the short link
  await shop.goto(`${baseUrl}/distribution/storefront`);
  await fill(shop, "store-edit-name", "林分享的鲜果铺");
  await shop.getByTestId("store-edit-greeting").locator("textarea").fill("每天现摘，朋友价");
  await shop.getByTestId("store-edit-save").click();
  await expect
    .poll(() => shop.getByTestId("store-edit-link").textContent())
    .toBe(`${baseUrl}/s/${inviteCode}/store`);
  await shop.getByTestId(`store-pick-${detail.id}`).click();
  await expect.poll(() => shop.getByTestId("store-edit-count").textContent()).toMatch(/^已选 1\/200/);
  await screenshot(shop, "share-1b-storefront-editor");
  const visitor = await phonePage(browser);
  await visitor.goto(`${baseUrl}/s/${inviteCode}/store`);
  await visitor.waitForURL(new RegExp(`/store/${inviteCode}\\?ref=${inviteCode}`));
  await expect.poll(() => visitor.getByTestId("store-name").textContent()).toBe("林分享的鲜果铺");
  await visitor.locator(`[data-testid="store-products"] [data-product-id="${detail.id}"]`).waitFor();
  await screenshot(visitor, "share-1c-storefront");
  await visitor.close();

  const owner = await desktopPage(browser);
  await owner.goto(`${baseUrl}/admin/`);
  await fill(owner, "login-username", "owner");
  await fill(owner, "login-password", inject("ownerPassword"));
  await owner.getByTestId("login-submit").click();
  await owner.getByTestId("layout-staff-name").waitFor();
  // the roll-up runs every second here (JOB_EVERY_MS; 15 s in production): the dashboard shows the paid order
  // once its day is rolled
  await expect
    .poll(
      async () => {
        await owner.reload();
        await owner.getByTestId("dashboard-sales").waitFor();
        const report = await api<{ today: { paidOrders: number } }>(
          baseUrl,
          "/api/admin/v1/reports/dashboard",
          ownerToken,
        );
        return report.today.paidOrders;
      },
      { timeout: 60_000, interval: 500 },
    )
    .toBeGreaterThan(0);
  await owner.reload();
  for (const chart of ["chart-trend", "chart-funnel", "chart-provinces"])
    await owner.locator(`[data-testid="${chart}"][data-ready="true"] canvas`).waitFor();
  await screenshot(owner, "share-2-dashboard");

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
    .toMatchObject({ linkOpens: 2, paidOrders: 1 });
  await screenshot(owner, "share-3-reports-funnel");

  // the distribution centre shows 林分享 their own trend and funnel (links opened → visitors → orders → paid)
  await shop.goto(`${baseUrl}/distribution`);
  const stats = shop.getByTestId("dist-my-stats");
  await stats.waitFor();
  await expect.poll(() => stats.textContent()).toMatch(/链接打开\s*2/);
  await stats.scrollIntoViewIfNeeded();
  await screenshot(shop, "share-4-distributor-own-stats");
});
