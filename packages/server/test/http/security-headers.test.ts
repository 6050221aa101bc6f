// Every response carries the security headers and its request id, whether it is an answer, a refusal or a
// miss: http/security-headers.ts sets once-computed helmet headers on the raw response for each request.
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestApp, type TestContext } from "../support/test-app.ts";

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.app.close();
});

const EXPECTED = {
  "content-security-policy":
    "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data: blob:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';connect-src 'self'",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "origin-agent-cluster": "?1",
  "referrer-policy": "no-referrer",
  "strict-transport-security": "max-age=31536000; includeSubDomains",
  "x-content-type-options": "nosniff",
  "x-dns-prefetch-control": "off",
  "x-download-options": "noopen",
  "x-frame-options": "SAMEORIGIN",
  "x-permitted-cross-domain-policies": "none",
  "x-xss-protection": "0",
};

test.each([
  ["an answer", "GET", "/healthz", 200],
  ["a refusal before the route (no login)", "GET", "/api/v1/orders", 401],
  ["a request that fails validation", "POST", "/api/v1/auth/login", 422],
  ["a miss", "GET", "/api/v1/no-such-thing", 404],
])("%s carries the security headers and a request id", async (_what, method, url, status) => {
  const res = await t.app.inject({
    method: method as "GET",
    url,
    ...(method === "POST" ? { payload: {} } : {}),
  });
  expect(res.statusCode).toBe(status);
  expect(res.headers).toMatchObject(EXPECTED);
  expect(res.headers["x-powered-by"]).toBeUndefined();
  expect(String(res.headers["x-request-id"])).toMatch(/^[\w-]{8,64}$/);
});

test("a caller's own request id is echoed when it is well formed, replaced when not", async () => {
  const own = await t.app.inject({ url: "/healthz", headers: { "x-request-id": "trace-1234abcd" } });
  expect(own.headers["x-request-id"]).toBe("trace-1234abcd");
  const bad = await t.app.inject({ url: "/healthz", headers: { "x-request-id": "no spaces allowed here" } });
  expect(bad.headers["x-request-id"]).not.toBe("no spaces allowed here");
});
