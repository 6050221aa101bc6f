// Writes the OpenAPI document to a file without a database: routes are registered, none is called.
import fs from "node:fs";
import { loadConfig } from "../config.ts";
import type { AppDeps } from "../deps.ts";
import { buildApp } from "../http/app.ts";

const target = process.argv[2] ?? "openapi.json";
const unused = new Proxy(
  {},
  {
    get: () => {
      throw new Error("write-openapi does not touch the database");
    },
  },
);
const deps = {
  config: loadConfig({ LOG_LEVEL: "silent" }),
  database: unused,
  db: unused,
  now: () => new Date(0),
  wechatCodeExchange: async () => ({ ok: false, code: "UNUSED" }),
  wechatLoginIsSandbox: true,
  sms: unused,
  onSignup: [],
  secretBox: unused,
} as unknown as AppDeps;

const app = await buildApp(deps);
await app.ready();
fs.writeFileSync(target, `${JSON.stringify(app.swagger(), null, 2)}\n`);
await app.close();
console.log(`wrote ${target}`);
