// 在线客服 as people meet it: a shopper opens customer service from their order, asks when it ships and gets
// the shop's FAQ answer at once, asks for a person (转人工); a support clerk finds the conversation waiting
// in the desk with the order beside it, claims it and replies; the shopper's open page shows the reply
// without a reload (live stream).
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { baseUrl } from "../support/base-url.ts";
import { connectBrowser, desktopPage, phonePage, screenshot } from "../support/browser.ts";
import { addAddress, api, fill, signUp } from "../support/shop-api.ts";

const SUPPORT = { username: "kefu-chat", name: "客服小美", password: "support-pass-1" };
const PHONE = "13700000711";
let browser: Browser;

beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function placedOrder(): Promise<{ id: number }> {
  const shopper = await signUp<{ token: string }>(baseUrl, {
    phone: PHONE,
    password: "chat-pass-1",
    nickname: "小雨",
  });
  await addAddress(baseUrl, shopper.token);
  const addresses = await api<Array<{ id: number }>>(baseUrl, "/api/v1/addresses", shopper.token);
  const products = await api<{ items: Array<{ id: number }> }>(baseUrl, "/api/v1/products", null);
  const detail = await api<{ skus: Array<{ id: number }> }>(
    baseUrl,
    `/api/v1/products/${products.items[0]!.id}`,
    null,
  );
  return api<{ id: number }>(baseUrl, "/api/v1/orders", shopper.token, {
    items: [{ skuId: detail.skus[0]!.id, quantity: 1 }],
    addressId: addresses[0]!.id,
  });
}

test("a shopper asks about an order, gets the FAQ answer, asks for a person, and sees the staff reply live", async () => {
  const { token: ownerToken } = await api<{ token: string }>(baseUrl, "/api/admin/v1/auth/login", null, {
    username: "owner",
    password: inject("ownerPassword"),
  });
  await api(baseUrl, "/api/admin/v1/staff", ownerToken, { ...SUPPORT, role: "support" });
  await api(baseUrl, "/api/admin/v1/service/faq", ownerToken, {
    question: "什么时候发货",
    variants: ["多久发货", "几天发货"],
    answer: "付款后 48 小时内发货，节假日顺延。",
    keywords: ["发货"],
  });
  const order = await placedOrder();

  const shop = await phonePage(browser);
  await shop.goto(`${baseUrl}/login`);
  await fill(shop, "login-phone", PHONE);
  await fill(shop, "login-password", "chat-pass-1");
  await shop.getByTestId("login-submit").click();
  await shop.waitForURL(/\/me/);
  await shop.goto(`${baseUrl}/orders/${order.id}`);
  await shop.getByTestId("order-service").click();
  await shop.waitForURL(/\/service\?kind=order/);
  await shop.locator('[data-testid="chat-message"][data-sender="user"]').first().waitFor();

  await fill(shop, "chat-input", "我的订单什么时候发货？");
  await shop.getByTestId("chat-send").click();
  const bot = shop.locator('[data-testid="chat-message"][data-sender="bot"]');
  await bot.waitFor();
  expect(await bot.innerText()).toContain("付款后 48 小时内发货");
  await screenshot(shop, "service-1-faq-answer");

  await bot.getByTestId("chat-human").click();
  await shop.locator('[data-testid="chat-message"][data-sender="system"]').waitFor();

  const admin = await desktopPage(browser);
  await admin.goto(`${baseUrl}/admin/`);
  await fill(admin, "login-username", SUPPORT.username);
  await fill(admin, "login-password", SUPPORT.password);
  await admin.getByTestId("login-submit").click();
  await admin.getByTestId("layout-staff-name").waitFor();
  await admin.goto(`${baseUrl}/admin/service`);
  const row = admin.getByTestId("desk-queue-row").filter({ hasText: "小雨" });
  await row.click();
  await admin.getByTestId("desk-context-order").waitFor();
  await admin.getByTestId("desk-claim").click();
  await admin.getByTestId("desk-claim").waitFor({ state: "detached" });
  await fill(admin, "desk-input", "您好，您的订单今天下午发出，请留意物流。");
  await admin.getByTestId("desk-send").click();
  await admin.locator('[data-testid="desk-message"][data-sender="staff"]').waitFor();
  await screenshot(admin, "service-2-desk");

  // no reload: the reply arrives on the open page
  const reply = shop.locator('[data-testid="chat-message"][data-sender="staff"]');
  await reply.waitFor({ timeout: 10_000 });
  expect(await reply.innerText()).toContain("今天下午发出");
  await screenshot(shop, "service-3-live-reply");
});
