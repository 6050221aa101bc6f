// 评价 as a buyer meets it: the order page shows the parcel's route from the (sandbox) carrier; after
// receiving the parcel they rate the item, write a line (with markup, which shows as the characters typed)
// and add a photo; the product page then shows the rating and the review.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { baseUrl } from "../support/base-url.ts";
import { connectBrowser, phonePage, screenshot } from "../support/browser.ts";
import { addAddress, api, fill, signUp } from "../support/shop-api.ts";

const PHONE = "13700000088";
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
let browser: Browser;

beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test("a buyer reviews a received item with a photo and the review shows on the product page", async () => {
  const { token: ownerToken } = await api<{ token: string }>(baseUrl, "/api/admin/v1/auth/login", null, {
    username: "owner",
    password: inject("ownerPassword"),
  });
  const buyer = await signUp<{ token: string }>(baseUrl, {
    phone: PHONE,
    password: "review-pass-1",
    nickname: "晓晓",
  });
  await addAddress(baseUrl, buyer.token);
  const addresses = await api<Array<{ id: number }>>(baseUrl, "/api/v1/addresses", buyer.token);
  const products = await api<{ items: Array<{ id: number; title: string }> }>(
    baseUrl,
    "/api/v1/products",
    null,
  );
  const product = products.items.at(-1)!;
  const detail = await api<{ skus: Array<{ id: number }> }>(baseUrl, `/api/v1/products/${product.id}`, null);
  const order = await api<{ id: number; orderNo: string }>(baseUrl, "/api/v1/orders", buyer.token, {
    items: [{ skuId: detail.skus[0]!.id, quantity: 1 }],
    addressId: addresses[0]!.id,
  });
  const started = await api<{ url: string }>(baseUrl, `/api/v1/orders/${order.orderNo}/pay`, buyer.token, {
    provider: "sandbox",
  });
  const link = Object.fromEntries(new URL(started.url, baseUrl).searchParams);
  await api(baseUrl, "/api/v1/pay/sandbox/complete", buyer.token, { ...link, result: "paid" });
  await api(baseUrl, `/api/admin/v1/orders/${order.id}/ship`, ownerToken, {
    parcels: [{ carrier: "顺丰速运", trackingNo: "SF2026120300088" }],
  });
  await api(baseUrl, `/api/v1/orders/${order.id}/confirm-receipt`, buyer.token, {});

  const shop = await phonePage(browser);
  await shop.goto(`${baseUrl}/login`);
  await fill(shop, "login-phone", PHONE);
  await fill(shop, "login-password", "review-pass-1");
  await shop.getByTestId("login-submit").click();
  await shop.waitForURL(/\/me/);
  await shop.goto(`${baseUrl}/orders/${order.id}`);
  const route = shop.getByTestId("parcel-route");
  await route.waitFor();
  expect(await shop.getByTestId("order-tracking-no").innerText()).toBe("SF2026120300088");
  expect(await route.innerText()).toContain("揽收");
  await route.scrollIntoViewIfNeeded();
  await screenshot(shop, "review-0-parcel-route");
  await shop.getByTestId("order-review").click();
  await shop.waitForURL(/\/review$/);
  const text = "<b>很好用</b>，续航扎实，会回购";
  await shop.getByTestId("review-text").locator("textarea").fill(text);
  await shop.locator('[data-testid="review-form"] input[type="file"]').setInputFiles({
    name: "photo.png",
    mimeType: "image/png",
    buffer: PNG,
  });
  await shop.locator(".adm-image-uploader-cell img").waitFor();
  await screenshot(shop, "review-1-write");
  await shop.getByTestId("review-submit").click();
  await shop.locator('[data-testid="review-form"][data-refusal="ALREADY_REVIEWED"]').waitFor();

  await shop.goto(`${baseUrl}/products/${product.id}`);
  const item = shop.getByTestId("review-item").first();
  await item.waitFor();
  await item.scrollIntoViewIfNeeded();
  expect(await item.innerText()).toContain(text);
  await shop.getByTestId("review-photo").first().waitFor();
  expect(await shop.getByTestId("review-summary").innerText()).toContain("5.0");
  await screenshot(shop, "review-2-product-page");
});
