// 拼团 in a browser: the owner runs a two-person group on the demo T-shirt; a distributor opens a group from
// the product page and pays, copies the group link (it carries their referral code), and a second shopper
// opens that link, joins and pays; both then see the group complete, and the joiner is bound to the sharer.
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

async function shopLogin(phone: string, password: string, at: string): Promise<Page> {
  const page = await phonePage(browser);
  await page.goto(`${baseUrl}/login?redirect=${encodeURIComponent(at)}`);
  await fill(page, "login-phone", phone);
  await fill(page, "login-password", password);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((url) => url.pathname === at.split("?")[0]);
  return page;
}

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll(".adm-toast-mask, .adm-dialog").length === 0);
}

/** On the order page just placed: pay it in the sandbox and come back to the order. */
async function payOrder(page: Page): Promise<void> {
  await page.getByTestId("order-pay").click();
  await page.getByTestId("pay-sheet-submit").click();
  await page.getByTestId("sandbox-pay-page").waitFor({ timeout: 15_000 });
  await page.getByTestId("sandbox-pay").click();
  await page.getByTestId("pay-result").waitFor({ timeout: 15_000 });
  expect(await page.getByTestId("pay-result").getAttribute("data-paid")).toBe("true");
}

test("two shoppers complete a group buy from a shared link", async () => {
  const owner = (
    await api<{ token: string }>(baseUrl, "/api/admin/v1/auth/login", null, {
      username: "owner",
      password: inject("ownerPassword"),
    })
  ).token;
  const found = await api<any>(baseUrl, `/api/v1/products?q=${encodeURIComponent("T恤")}`, null);
  const tee = await api<any>(baseUrl, `/api/admin/v1/products/${found.items[0].id}`, owner);
  const sku = tee.skus.find((s: { stock: number }) => s.stock > 0);
  await api(baseUrl, "/api/admin/v1/group-buys", owner, {
    title: "T恤两人团",
    productId: tee.id,
    startsAt: new Date(Date.now() - 60_000),
    endsAt: new Date(Date.now() + 86_400_000),
    items: [{ skuId: sku.id, groupPriceFen: sku.priceFen - 1000 }],
    groupSize: 2,
    timeLimitMinutes: 60,
  });

  // the opener: a distributor appointed by the owner, with an address
  const opener = await signUp<{ token: string; user: { id: number } }>(baseUrl, {
    phone: "13700000401",
    password: "opener-pass",
    nickname: "团长阿美",
  });
  await api(baseUrl, `/api/admin/v1/distribution/distributors/${opener.user.id}/appoint`, owner, {});
  await addAddress(baseUrl, opener.token);
  const { inviteCode } = await api<{ inviteCode: string }>(baseUrl, "/api/v1/distribution/me", opener.token);

  const a = await shopLogin("13700000401", "opener-pass", `/products/${tee.id}`);
  await a.getByTestId("product-group-buy").click();
  await a.getByTestId("group-buy-page").waitFor();
  await screenshot(a, "group-1-activity");
  await a.getByTestId("group-open").click();
  await a.waitForURL(/\/orders\/\d+\?group=\d+/);
  const groupId = new URL(a.url()).searchParams.get("group");
  await payOrder(a);

  await a.goto(`${baseUrl}/groups/${groupId}`);
  await a.getByTestId("group-progress").waitFor();
  await a.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await a.getByTestId("group-share").click();
  const link = await a.evaluate(() => navigator.clipboard.readText());
  // the distributor's short link to the group, which opens it carrying their code
  expect(link).toBe(`${baseUrl}/s/${inviteCode}/t/${groupId}`);
  await settled(a);
  await screenshot(a, "group-2-waiting-for-a-friend");

  // the friend opens the shared link, signs in, joins and pays
  const friend = await signUp<{ token: string }>(baseUrl, {
    phone: "13700000402",
    password: "friend-pass",
    nickname: "好友小周",
  });
  await addAddress(baseUrl, friend.token);
  const b = await phonePage(browser);
  await b.goto(link);
  await b.getByTestId("group-page").waitFor();
  await b.goto(`${baseUrl}/login?redirect=${encodeURIComponent(`/groups/${groupId}`)}`);
  await fill(b, "login-phone", "13700000402");
  await fill(b, "login-password", "friend-pass");
  await b.getByTestId("login-submit").click();
  await b.waitForURL(new RegExp(`/groups/${groupId}`));
  await b.getByTestId("group-join").click();
  await b.waitForURL(/\/orders\/\d+\?group=\d+/);
  await payOrder(b);

  await b.goto(`${baseUrl}/groups/${groupId}`);
  await expect.poll(() => b.getByTestId("group-page").getAttribute("data-status")).toBe("formed");
  await settled(b);
  await screenshot(b, "group-3-complete-for-the-friend");
  await a.reload();
  await expect.poll(() => a.getByTestId("group-page").getAttribute("data-status")).toBe("formed");
  expect(await a.getByTestId("group-member").count()).toBe(2);
  await screenshot(a, "group-4-complete-for-the-opener");

  const referrer = await api<any>(baseUrl, "/api/v1/distribution/referrer", friend.token);
  expect(referrer.referrer?.inviteCode).toBe(inviteCode);

  // the owner's results: the T-shirt group formed, with both members and their orders
  const admin = await desktopPage(browser);
  await admin.goto(`${baseUrl}/admin/`);
  await fill(admin, "login-username", "owner");
  await fill(admin, "login-password", inject("ownerPassword"));
  await admin.getByTestId("login-submit").click();
  await admin.getByTestId("layout-staff-name").waitFor();
  await admin.goto(`${baseUrl}/admin/group-buys`);
  const row = admin.locator("tr", { hasText: "T恤两人团" });
  await row.locator(".ant-table-row-expand-icon").click();
  await admin.getByText("好友小周").waitFor();
  await screenshot(admin, "group-5-admin-results");
});
