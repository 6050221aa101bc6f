// Dividends in the admin: the owner switches the static pool on (the team-dividend switch shows the 团队计酬
// notice before anything is saved), previews yesterday's pool run, reads its statement beside the 30% line,
// and approves it; the run history then shows it paid.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { desktopPage, launchBrowser, screenshot } from "../support/browser.ts";
import { api, fill } from "../support/shop-api.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Yesterday in Asia/Shanghai as the run's period key. */
function yesterdayKey(): string {
  const shanghai = new Date(Date.now() + 8 * 3_600_000 - 86_400_000);
  return shanghai.toISOString().slice(0, 10);
}

test("the owner previews yesterday's pool run and approves it", async () => {
  const token = (
    await api<{ token: string }>(baseUrl, "/api/admin/v1/auth/login", null, {
      username: "owner",
      password: inject("ownerPassword"),
    })
  ).token;
  await api(baseUrl, "/api/admin/v1/dividends/grades", token, { rank: 90, name: "金牌分红", rateBps: 500 });

  const owner = await desktopPage(browser);
  await owner.goto(`${baseUrl}/admin/`);
  await fill(owner, "login-username", "owner");
  await fill(owner, "login-password", inject("ownerPassword"));
  await owner.getByTestId("login-submit").click();
  await owner.getByTestId("layout-staff-name").waitFor();

  await owner.goto(`${baseUrl}/admin/distribution/dividends`);
  await owner.getByRole("tab", { name: "分红设置" }).click();
  await owner.getByTestId("team-enabled").click();
  await expect.poll(() => owner.getByTestId("team-notice").textContent()).toContain("团队计酬");
  await screenshot(owner, "dividends-0-team-notice");
  await owner.getByTestId("team-enabled").click();
  await owner.getByText("静态分红（分红会员）").click();
  await owner.getByTestId("dividend-settings-save").click();
  await owner.locator(".ant-message-success").waitFor();

  await owner.getByRole("tab", { name: "分红结算" }).click();
  await fill(owner, "run-period", yesterdayKey());
  await owner.getByTestId("run-preview").click();
  const drawer = owner.getByTestId("run-drawer");
  await drawer.getByTestId("payout-rate").waitFor();
  expect(await drawer.getByTestId("payout-rate").textContent()).toContain("30%");
  await screenshot(owner, "dividends-1-statement");
  await drawer.getByTestId("run-approve").click();
  await owner.locator(".ant-popconfirm .ant-btn-primary").click();
  await owner.locator(".ant-message-success").last().waitFor();
  await expect.poll(() => drawer.getByTestId("run-approve").count()).toBe(0);
  await owner.keyboard.press("Escape");
  await expect.poll(() => owner.locator("[data-testid^=run-row-]").first().textContent()).toContain("已发放");
  await screenshot(owner, "dividends-2-history");
});
