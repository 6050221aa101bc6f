// Dividends in the admin: the owner switches the static pool on (the team-dividend switch shows the 团队计酬
// notice before anything is saved), previews yesterday's pool run, reads its statement beside the 30% line,
// and approves it; the run history then shows it paid. In the shop's distribution centre a distributor sees
// the dividend grade their direct distributor earned them and the progress to the next, their dividends by
// period, their own rank on the invites leaderboard and the running contest's standing.
import type { Browser } from "playwright-core";
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

/** The day before yesterday in Asia/Shanghai (yesterday's pool run belongs to the owner's test above). */
function twoDaysAgoKey(): string {
  return new Date(Date.now() + 8 * 3_600_000 - 2 * 86_400_000).toISOString().slice(0, 10);
}

async function put(path: string, token: string, body: unknown) {
  const res = await fetch(`${baseUrl}${path}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

test("a distributor's centre shows their dividend grade and progress, dividends by period, their rank and the contest", async () => {
  const owner = (
    await api<{ token: string }>(baseUrl, "/api/admin/v1/auth/login", null, {
      username: "owner",
      password: inject("ownerPassword"),
    })
  ).token;
  // grades reached on their own: one direct distributor → 新星分红, three → 明星分红
  await api(baseUrl, "/api/admin/v1/dividends/grades", owner, {
    rank: 70,
    name: "新星分红",
    rateBps: 100,
    tasks: { directDistributors: 1 },
  });
  await api(baseUrl, "/api/admin/v1/dividends/grades", owner, {
    rank: 71,
    name: "明星分红",
    rateBps: 100,
    tasks: { directDistributors: 3 },
  });
  // 小周 is a distributor; 小吴 signs up through their link, becomes a distributor and buys
  const zhou = await signUp<{ token: string; user: { id: number } }>(baseUrl, {
    phone: "13700002401",
    password: "zhou-pass-1",
    nickname: "小周",
  });
  const { inviteCode } = await api<{ inviteCode: string }>(
    baseUrl,
    "/api/v1/distribution/join",
    zhou.token,
    {},
  );
  const wu = await signUp<{ token: string }>(baseUrl, {
    phone: "13700002402",
    password: "wu-pass-1",
    nickname: "小吴",
    ref: inviteCode,
  });
  await api(baseUrl, "/api/v1/distribution/join", wu.token, {});
  await addAddress(baseUrl, wu.token);
  const addresses = await api<Array<{ id: number }>>(baseUrl, "/api/v1/addresses", wu.token);
  const products = await api<{ items: Array<{ id: number }> }>(baseUrl, "/api/v1/products", null);
  const detail = await api<{ skus: Array<{ id: number }> }>(
    baseUrl,
    `/api/v1/products/${products.items.at(-1)!.id}`,
    null,
  );
  const order = await api<{ orderNo: string }>(baseUrl, "/api/v1/orders", wu.token, {
    items: [{ skuId: detail.skus[0]!.id, quantity: 1 }],
    addressId: addresses[0]!.id,
  });
  const started = await api<{ url: string }>(baseUrl, `/api/v1/orders/${order.orderNo}/pay`, wu.token, {
    provider: "sandbox",
  });
  const link = Object.fromEntries(new URL(started.url, baseUrl).searchParams);
  await api(baseUrl, "/api/v1/pay/sandbox/complete", wu.token, { ...link, result: "paid" });
  // a week-long invite contest running now, ¥100 to the first
  await api(baseUrl, "/api/admin/v1/dividends/contests", owner, {
    name: "邀请冲刺周",
    metric: "invites",
    startsAt: new Date(Date.now() - 3_600_000).toISOString(),
    endsAt: new Date(Date.now() + 6 * 86_400_000).toISOString(),
    prizes: [{ rank: 1, cashFen: 10_000, item: null }],
  });

  const page = await phonePage(browser);
  await page.goto(`${baseUrl}/login`);
  await fill(page, "login-phone", "13700002401");
  await fill(page, "login-password", "zhou-pass-1");
  await page.getByTestId("login-submit").click();
  await page.waitForURL(/\/me/);
  await page.goto(`${baseUrl}/distribution/dividends`);
  await expect.poll(() => page.getByTestId("dividend-grade").textContent()).toContain("新星分红");
  const next = page.getByTestId("dividend-next");
  expect(await next.textContent()).toContain("明星分红");
  expect(await next.textContent()).toContain("1 / 3");

  // the static pool of the day before yesterday, previewed and approved with 小周 a member: it is theirs by period
  const { teamNotice: _, ...settings } = await api(baseUrl, "/api/admin/v1/dividends/settings", owner);
  await put("/api/admin/v1/dividends/settings", owner, {
    ...settings,
    pool: { ...settings.pool, mode: "static" },
  });
  const run = await api<{ id: number }>(baseUrl, "/api/admin/v1/dividends/runs", owner, {
    kind: "static",
    periodKey: twoDaysAgoKey(),
  });
  await api(baseUrl, `/api/admin/v1/dividends/runs/${run.id}/approve`, owner, {});
  await page.reload();
  await expect
    .poll(() => page.getByTestId("dividend-period").first().textContent())
    .toContain(twoDaysAgoKey());
  await screenshot(page, "dividends-3-shop-mine");

  await page.getByRole("tab", { name: "排行榜" }).click();
  await page.getByTestId("leaderboard").getByText("邀请下单").click();
  await expect.poll(() => page.getByTestId("leaderboard-mine").textContent()).toMatch(/#\d+ · 1/);
  await screenshot(page, "dividends-4-shop-rank");

  await page.getByRole("tab", { name: "冲刺活动" }).click();
  const contest = page.getByTestId("contest").filter({ hasText: "邀请冲刺周" });
  await contest.getByTestId("contest-open").click();
  await expect
    .poll(() => contest.getByTestId("contest-standing").allTextContents())
    .toContainEqual(expect.stringContaining("小周"));
  await screenshot(page, "dividends-5-shop-contest");
});
