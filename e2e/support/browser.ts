// A test file's browser: its worker's chromium (browser-server.ts), reached through playwright-core. A file's
// contexts belong to its connection, and closing the connection closes them, so no file sees another's
// pages, cookies or storage.
// Pages are a Chinese user's: zh-CN and Asia/Shanghai time, whatever the machine's own zone. They prefer reduced
// motion, so the apps skip their transitions and chart animations (main.tsx): a screenshot shows the finished
// screen, not a chart half drawn, and the renderer paints no in-between frames. Screenshots go to e2e/screenshots.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { inject } from "vitest";

export const screenshotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../screenshots");

/** The file's browser while it runs (failure-screenshots.ts photographs its pages when a test fails). */
export let connectedBrowser: Browser | undefined;

/** This worker's browser, for one test file; `close()` it in afterAll. */
export async function connectBrowser(): Promise<Browser> {
  const endpoints = inject("browserEndpoints");
  const endpoint = endpoints[(Number(process.env.VITEST_POOL_ID ?? "1") - 1) % endpoints.length]!;
  const browser = await chromium.connect(endpoint);
  connectedBrowser = browser;
  browser.once("disconnected", () => {
    if (connectedBrowser === browser) connectedBrowser = undefined;
  });
  return browser;
}

export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 375, height: 667 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    reducedMotion: "reduce",
  });
  return context.newPage();
}

export async function desktopPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    reducedMotion: "reduce",
  });
  return context.newPage();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: false });
}
