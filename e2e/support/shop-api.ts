// Set-up steps a test takes through the API rather than the screen, with the shopper's own session.
import type { Page } from "playwright-core";

export async function shopperToken(page: Page): Promise<string> {
  const token = await page.evaluate(() => localStorage.getItem("liebian.shop.token"));
  if (!token) throw new Error("the shopper is not logged in");
  return token;
}

export async function api<T = any>(
  baseUrl: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${path} → ${res.status} ${JSON.stringify(json)}`);
  return json as T;
}

/** Gives the shopper a default address in the first district of the bundled region list. */
export async function addAddress(baseUrl: string, token: string): Promise<void> {
  const provinces = await api<any[]>(baseUrl, "/api/v1/regions", null);
  const province = provinces.find((p) => p.children?.[0]?.children?.[0]);
  const city = province.children[0];
  await api(baseUrl, "/api/v1/addresses", token, {
    name: "王老师",
    phone: "13800000003",
    provinceCode: province.code,
    cityCode: city.code,
    districtCode: city.children[0].code,
    detail: "幸福路 8 号 3 栋 501",
    isDefault: true,
  });
}

/** Fills an antd / antd-mobile input whose wrapper or element carries the test id. */
export async function fill(page: Page, testId: string, value: string): Promise<void> {
  const target = page.getByTestId(testId);
  const tag = await target.evaluate((el) => el.tagName);
  await (tag === "INPUT" || tag === "TEXTAREA" ? target : target.locator("input").first()).fill(value);
}

/** Signs a shopper up through the API: the demo shop is in demo mode, so the SMS code comes back in the answer. */
export async function signUp<T = any>(
  baseUrl: string,
  body: { phone: string; password: string; nickname?: string; ref?: string },
): Promise<T> {
  const sent = await api<{ demoCode: string }>(baseUrl, "/api/v1/auth/sms-codes", null, {
    phone: body.phone,
    purpose: "register",
  });
  return api<T>(baseUrl, "/api/v1/auth/register", null, { ...body, code: sent.demoCode });
}
