// The apps' typed client is generated from the OpenAPI document; this fails when a route changed and
// `npm run sdk:generate` was not run, so the apps never compile against a stale contract.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { startTestApp } from "./support/test-app.ts";

const { app } = await startTestApp();
const committed = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../sdk/openapi.json");

test("the committed SDK document matches the routes", async () => {
  await app.ready();
  const current = JSON.parse(JSON.stringify(app.swagger()));
  expect(current).toEqual(JSON.parse(fs.readFileSync(committed, "utf8")));
});
