// 团购挑战 in a browser: the owner creates a challenge in the admin (1 person → 9折, 2 people → 8折); the shop
// badges it in the list and links the product to its progress; the first shopper pays the list price, the
// second the 9折 the first reached; then its window is cut to end a second later (through the API: typing a
// time into the range picker is not what is tested here) and the settle job (every second here) fixes 8折 and
// refunds each the difference: ¥20 and ¥10, on the order page, in 我的售后 and in the owner's results.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { baseUrl } from "../support/base-url.ts";
import { connectBrowser, desktopPage, phonePage, screenshot } from "../support/browser.ts";
import { addAddress, api, fill, signUp } from "../support/shop-api.ts";

let browser: Browser;
let owner: string;

beforeAll(async () => {
  browser = await connectBrowser();
  owner = (
    await api<{ token: string }>(baseUrl, "/api/admin/v1/auth/login", null, {
      username: "owner",
      password: inject("ownerPassword"),
    })
  ).token;
});
afterAll(async () => {
  await browser?.close();
});

async function shopper(phone: string, nickname: string, at: string): Promise<Page> {
  const { token } = await signUp<{ token: string }>(baseUrl, { phone, password: "challenge-pass", nickname });
  await addAddress(baseUrl, token);
  const page = await phonePage(browser);
  await page.goto(`${baseUrl}/login?redirect=${encodeURIComponent(at)}`);
  await fill(page, "login-phone", phone);
  await fill(page, "login-password", "challenge-pass");
  await page.getByTestId("login-submit").click();
  await page.waitForURL((url) => url.pathname === at.split("?")[0]);
  return page;
}

/** Waits until no toast or dialog covers the page, for a clean screenshot. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll(".adm-toast-mask, .adm-dialog").length === 0);
}

/** From the progress page: the product, buy now, pay in the sandbox; returns the order page's id. */
async function join(page: Page, payable: string): Promise<number> {
  await page.getByTestId("challenge-join").click();
  await page.getByTestId("buy-now").click();
  await page.getByTestId("sku-confirm-buy").click();
  await expect
    .poll(() => page.getByTestId("checkout-payable").textContent(), { timeout: 15_000 })
    .toContain(payable);
  await page.getByTestId("checkout-submit").click();
  await page.getByTestId("sandbox-pay-page").waitFor({ timeout: 15_000 });
  await page.getByTestId("sandbox-pay").click();
  await page.getByTestId("pay-result").waitFor({ timeout: 15_000 });
  expect(await page.getByTestId("pay-result").getAttribute("data-paid")).toBe("true");
  await page.getByTestId("pay-result-order").click();
  await page.getByTestId("order-detail").waitFor();
  return Number(await page.getByTestId("order-detail").getAttribute("data-order-id"));
}

test("two shoppers cross a tier; at the end each is refunded the difference to the final price", async () => {
  await api(baseUrl, "/api/admin/v1/products", owner, {
    title: "挑战明前龙井",
    status: "on_sale",
    skus: [{ priceFen: 10_000, stock: 50, specValues: [] }],
  });

  // the owner's challenge, from the admin's 团购挑战 page
  const admin = await desktopPage(browser);
  await admin.goto(`${baseUrl}/admin/group-challenges`);
  await fill(admin, "login-username", "owner");
  await fill(admin, "login-password", inject("ownerPassword"));
  await admin.getByTestId("login-submit").click();
  await admin.getByTestId("challenge-create").click();
  await fill(admin, "challenge-name", "龙井两人挑战");
  await admin.getByTestId("challenge-product").locator("input").fill("挑战明前");
  await admin.locator(".ant-select-item-option", { hasText: "挑战明前龙井" }).click();
  // one tier as a share of the list price, then the owner switches to typing prices
  await fill(admin, "challenge-tier-participants-0", "1");
  await fill(admin, "challenge-tier-pay-0", "90");
  await expect.poll(() => admin.getByTestId("challenge-tier-prices-0").textContent()).toContain("¥90.00");
  await admin.locator(".ant-radio-wrapper", { hasText: "活动价" }).click();
  await fill(admin, "challenge-tier-price-0", "90");
  await fill(admin, "challenge-tier-participants-1", "2");
  await fill(admin, "challenge-tier-price-1", "80");
  await expect.poll(() => admin.getByTestId("challenge-tier-prices-1").textContent()).toContain("¥80.00");
  await screenshot(admin, "challenge-1-admin-editor");
  await admin.getByTestId("challenge-save").click();
  const row = admin.getByTestId("challenge-row").filter({ hasText: "龙井两人挑战" });
  await expect.poll(() => row.textContent()).toContain("进行中");
  expect(await row.textContent()).toContain("1人 9折 · 2人 8折");
  await screenshot(admin, "challenge-2-admin-list");
  const id = Number(await row.getAttribute("data-activity-id"));

  // the first shopper: the badge in the list, the product's strip, the progress page, pays ¥100
  const a = await shopper("13700003101", "茶友阿青", "/search");
  await a.goto(`${baseUrl}/search?q=${encodeURIComponent("挑战明前龙井")}`);
  const card = a.getByTestId("product-card").filter({ hasText: "挑战明前龙井" });
  await expect.poll(() => card.getByTestId("promo-badge").textContent()).toBe("团购挑战");
  await settled(a);
  await screenshot(a, "challenge-3-list-badge");
  await card.click();
  await a.getByTestId("product-challenge-link").click();
  await expect.poll(() => a.getByTestId("challenge-participants").textContent()).toBe("已有 0 人参与");
  expect(await a.getByTestId("challenge-next").textContent()).toBe("再有 1 人参与，全员 9折（¥90.00）");
  expect(await a.getByTestId("challenge-rule").textContent()).toContain("结束后退回 ¥20.00");
  await screenshot(a, "challenge-4-progress-first");
  const orderA = await join(a, "100.00");

  // the second: one joined, 9折 reached and highlighted; pays ¥90 and takes it to the last tier
  const b = await shopper("13700003102", "茶友小白", `/group-challenges/${id}`);
  await expect.poll(() => b.getByTestId("challenge-participants").textContent()).toBe("已有 1 人参与");
  const current = b.locator('[data-testid="challenge-tier"][data-current="true"]');
  expect(await current.textContent()).toContain("9折");
  await settled(b);
  await screenshot(b, "challenge-5-progress-second");
  const orderB = await join(b, "90.00");
  await b.goto(`${baseUrl}/group-challenges/${id}`);
  await expect.poll(() => b.getByTestId("challenge-next").textContent()).toContain("最高档");
  expect(await current.textContent()).toContain("8折");
  await screenshot(b, "challenge-6-top-tier");

  // the window ends a second from now; the settle job fixes 8折 and refunds the difference
  await endSoon(id);
  await expect
    .poll(
      async () => {
        await b.reload();
        await b.getByTestId("challenge-page").waitFor();
        return b.getByTestId("challenge-page").getAttribute("data-state");
      },
      { timeout: 30_000, interval: 1000 },
    )
    .toBe("ended");
  await expect.poll(() => b.getByTestId("challenge-price").textContent()).toContain("¥80.00");
  await screenshot(b, "challenge-7-ended");
  await a.goto(`${baseUrl}/orders/${orderA}`);
  const refund = a.getByTestId("order-challenge-refund");
  await expect
    .poll(
      async () => {
        await a.reload();
        await a.getByTestId("order-challenge").waitFor();
        return (await refund.count()) > 0 ? refund.textContent() : "";
      },
      { timeout: 30_000, interval: 1000 },
    )
    .toContain("已退款");
  expect(await refund.textContent()).toContain("最终 8折，差价退款 ¥20.00");
  expect(await a.getByTestId("order-status").textContent()).toBe("待发货");
  await a.getByTestId("order-challenge").scrollIntoViewIfNeeded();
  await screenshot(a, "challenge-8-order-refund");
  await a.goto(`${baseUrl}/after-sales`);
  const difference = a.locator('[data-testid="after-sale-row"][data-price-difference="true"]');
  await expect.poll(() => difference.textContent()).toContain("差价退款");
  expect(await difference.textContent()).toContain("¥20.00");
  await screenshot(a, "challenge-9-after-sales");

  await b.goto(`${baseUrl}/orders/${orderB}`);
  await expect.poll(() => b.getByTestId("order-challenge-refund").textContent()).toContain("¥10.00");

  // the owner's results: 2 participants, final 8折, two refunds of ¥30 in all
  await row.getByTestId("challenge-results-link").click();
  await expect.poll(() => admin.getByTestId("challenge-refunded").textContent()).toBe("¥30.00");
  expect(await admin.getByTestId("challenge-participants").textContent()).toBe("2");
  expect(await admin.getByTestId("challenge-tier").textContent()).toBe("8折");
  expect(await admin.getByTestId("challenge-refund-row").count()).toBe(2);
  await screenshot(admin, "challenge-10-admin-results");
}, 150_000);

/** Cuts the challenge's window to end a second from now, keeping the rest as the owner saved it. */
async function endSoon(id: number): Promise<void> {
  const all = await api<any[]>(baseUrl, "/api/admin/v1/activities", owner);
  const a = all.find((x) => x.id === id)!;
  const res = await fetch(`${baseUrl}/api/admin/v1/activities/${id}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${owner}`, "content-type": "application/json" },
    body: JSON.stringify({
      kind: a.kind,
      name: a.name,
      startsAt: a.startsAt,
      endsAt: new Date(Date.now() + 1000),
      args: a.args,
    }),
  });
  expect(res.status, await res.text()).toBe(200);
}
