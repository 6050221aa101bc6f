// The first minute of a newcomer: the shop's home page opens with the demo shop, and the owner logs into the admin.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { baseUrl } from "../support/base-url.ts";
import { connectBrowser, desktopPage, phonePage, screenshot } from "../support/browser.ts";

let browser: Browser;

beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test("the shop home shows the demo shop on a phone", async () => {
  const page = await phonePage(browser);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${baseUrl}/`);
  const shop = await (await fetch(`${baseUrl}/api/v1/shop`)).json();
  await expect.poll(() => page.getByText(shop.shopName).first().isVisible(), { timeout: 15_000 }).toBe(true);
  await screenshot(page, "shop-home");
  expect(errors).toEqual([]);
});

test("the owner logs into the admin console", async () => {
  const page = await desktopPage(browser);
  await page.goto(`${baseUrl}/admin/`);
  await page.getByTestId("login-username").fill("owner");
  await page.getByTestId("login-password").fill(inject("ownerPassword"));
  await page.getByTestId("login-submit").click();
  await expect.poll(() => page.getByTestId("layout-staff-name").isVisible(), { timeout: 15_000 }).toBe(true);
  await screenshot(page, "admin-home");
});
