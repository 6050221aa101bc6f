// Repeated login failures from one address are slowed down: after the limit, 429 RATE_LIMITED.
import { expect, test } from "vitest";
import { loadConfig } from "../src/config.ts";
import { startTestApp } from "./support/test-app.ts";

const config = { ...loadConfig({ LOG_LEVEL: "silent" }), rateLimitLoginPerMinute: 3 };
const { client, deps } = await startTestApp({ config });

test("the fourth login attempt in a minute is refused with 429 and does not check the password", async () => {
  const attempt = () =>
    client.post("/api/v1/auth/login", { phone: "13900000001", password: "wrong-password" });
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await attempt()).status);
  expect(statuses).toEqual([401, 401, 401, 429]);
  const limited = await attempt();
  expect(limited.body.error.code).toBe("RATE_LIMITED");
  expect(deps.config.rateLimitLoginPerMinute).toBe(3);
});

test("staff login is limited the same way", async () => {
  const attempt = () =>
    client.post("/api/admin/v1/auth/login", { username: "owner", password: "wrong-password" });
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await attempt()).status);
  expect(statuses.at(-1)).toBe(429);
});
