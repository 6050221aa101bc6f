// 客户管理 in a browser: a shopper signed up through distributor 郑推荐's code and paid one order; staff open
// the customer list, find them with their order count, spend and referrer, create the tag 高价值, tag them,
// and filtering by the tag leaves only them.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { baseUrl } from "../support/base-url.ts";
import { connectBrowser, desktopPage, screenshot } from "../support/browser.ts";
import { addAddress, api, fill, signUp } from "../support/shop-api.ts";

let browser: Browser;

beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The shopper pays one order of the first product in stock through the sandbox; returns what they paid. */
async function paysOneOrder(token: string): Promise<number> {
  await addAddress(baseUrl, token);
  const [address] = await api<Array<{ id: number }>>(baseUrl, "/api/v1/addresses", token);
  const products = await api<{ items: Array<{ id: number }> }>(baseUrl, "/api/v1/products?limit=5", null);
  const detail = await api<{ skus: Array<{ id: number; stock: number }> }>(
    baseUrl,
    `/api/v1/products/${products.items[0]!.id}`,
    null,
  );
  const order = await api<{ orderNo: string; payableFen: number }>(baseUrl, "/api/v1/orders", token, {
    items: [{ skuId: detail.skus.find((s) => s.stock > 0)!.id, quantity: 1 }],
    addressId: address!.id,
  });
  const pay = await api<{ url: string }>(baseUrl, `/api/v1/orders/${order.orderNo}/pay`, token, {
    provider: "sandbox",
  });
  const link = Object.fromEntries(new URL(pay.url, baseUrl).searchParams);
  await api(baseUrl, "/api/v1/pay/sandbox/complete", token, { ...link, result: "paid" });
  return order.payableFen;
}

test("staff see a shopper's orders, spend and referrer, tag them and filter by the tag", async () => {
  const ownerToken = (
    await api<{ token: string }>(baseUrl, "/api/admin/v1/auth/login", null, {
      username: "owner",
      password: inject("ownerPassword"),
    })
  ).token;
  const sharer = await signUp<{ token: string; user: { id: number } }>(baseUrl, {
    phone: "13700002903",
    password: "sharer-pass-29",
    nickname: "郑推荐",
  });
  await api(baseUrl, `/api/admin/v1/distribution/distributors/${sharer.user.id}/appoint`, ownerToken, {});
  const { inviteCode } = await api<{ inviteCode: string }>(baseUrl, "/api/v1/distribution/me", sharer.token);
  const shopper = await signUp<{ token: string; user: { id: number } }>(baseUrl, {
    phone: "13700002904",
    password: "buyer-pass-29",
    nickname: "客户小韩",
    ref: inviteCode,
  });
  const paidFen = await paysOneOrder(shopper.token);

  const admin = await desktopPage(browser);
  await admin.goto(`${baseUrl}/admin/customers`);
  await fill(admin, "login-username", "owner");
  await fill(admin, "login-password", inject("ownerPassword"));
  await admin.getByTestId("login-submit").click();
  await admin.getByTestId("customers-page").waitFor();
  await admin.getByTestId("customers-search").locator("input").fill("客户小韩");
  await admin.getByTestId("customers-search").locator("input").press("Enter");
  const row = admin.getByTestId(`customer-row-${shopper.user.id}`);
  const yuan = `¥${Math.floor(paidFen / 100).toLocaleString("en-US")}.${String(paidFen % 100).padStart(2, "0")}`;
  const cells = () => row.locator("td").allTextContents();
  // nickname, phone, orders, spend, referrer
  await expect
    .poll(async () => (await cells()).filter((_, i) => i !== 1).slice(0, 4))
    .toEqual(["客户小韩", "1", yuan, "郑推荐"]);

  await fill(admin, "customers-new-tag", "高价值");
  await admin.getByTestId("customers-add-tag").click();
  await admin.getByTestId("customer-tags").getByText("高价值 · 0").waitFor();
  await row.getByTestId(`customer-tags-${shopper.user.id}`).click();
  await admin.locator(".ant-select-item-option", { hasText: "高价值" }).click();
  await admin.keyboard.press("Escape");
  await admin.getByTestId("customer-tags").getByText("高价值 · 1").waitFor();

  // everyone again, then only the tag: one customer left, the one just tagged
  await admin.getByTestId("customers-search").locator("input").fill("");
  await admin.getByTestId("customers-search").locator("input").press("Enter");
  await admin.getByTestId("customers-tag-filter").click();
  await admin.locator(".ant-select-item-option", { hasText: "高价值 (1)" }).click();
  await expect
    .poll(() =>
      admin
        .locator('[data-testid^="customer-row-"]')
        .evaluateAll((rows) => rows.map((r) => r.dataset.testid)),
    )
    .toEqual([`customer-row-${shopper.user.id}`]);
  await expect.poll(() => row.textContent()).toContain("高价值");
  await screenshot(admin, "customers-1-tagged-and-filtered");
});
