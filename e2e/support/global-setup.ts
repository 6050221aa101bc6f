// The run's shared pieces, one of each per worker and started at once: the product's server (server.ts) and a
// chromium (browser-server.ts). A test file finds its worker's through base-url.ts and connectBrowser().
import type { TestProject } from "vitest/node";
import { launchBrowserServer } from "./browser-server.ts";
import { OWNER_PASSWORD, startServers } from "./server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** One per worker; a test file reads its own through support/base-url.ts. */
    baseUrls: string[];
    /** One chromium per worker (playwright's websocket endpoints); connectBrowser() picks the worker's. */
    browserEndpoints: string[];
    ownerPassword: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const workers = project.config.maxWorkers;
  const [servers, browsers] = await Promise.allSettled([
    startServers(workers),
    Promise.all(Array.from({ length: workers }, launchBrowserServer)),
  ]);
  const stop = async () => {
    await Promise.all([
      ...(servers.status === "fulfilled" ? servers.value.map((s) => s.stop()) : []),
      ...(browsers.status === "fulfilled" ? browsers.value.map((b) => b.close()) : []),
    ]);
  };
  if (servers.status === "rejected" || browsers.status === "rejected") {
    await stop();
    throw servers.status === "rejected" ? servers.reason : (browsers as PromiseRejectedResult).reason;
  }
  project.provide(
    "baseUrls",
    servers.value.map((s) => s.baseUrl),
  );
  project.provide(
    "browserEndpoints",
    browsers.value.map((b) => b.wsEndpoint()),
  );
  project.provide("ownerPassword", OWNER_PASSWORD);
  return stop;
}
