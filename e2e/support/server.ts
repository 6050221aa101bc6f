// Starts the product as a newcomer would (embedded database, demo data) on a free port for the browser tests:
// one server per worker, so two files run at once and each still has a server to itself (the files change
// shop-wide settings and read shop-wide figures, which they could not share with a file running beside them).
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** One per worker; a test file reads its own through support/base-url.ts. */
    baseUrls: string[];
    ownerPassword: string;
  }
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const OWNER_PASSWORD = "e2e-owner-pass";
/** Sweeps the browser tests wait for, run every second instead of every minute / 15 s. */
export const E2E_JOB_PERIODS =
  "release-commissions=1000,roll-up-tracking=1000,settle-group-challenges=1000,complete-orders=1000";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 300_000; // a loaded 2-core machine took 95 s for one, more than 180 s for two
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log()}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server did not become healthy:\n${log()}`);
}

/** A server on its own data folder and port; resolves once it answers, to its URL and how to stop it. */
async function startServer(): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "liebian-e2e-"));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = "";
  // The browser tests use the embedded database, as a newcomer's `npm start` does.
  const { DATABASE_URL: _unused, ...env } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", "packages/server/src/main.ts"], {
    cwd: repoRoot,
    env: {
      ...env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      OWNER_PASSWORD,
      LOG_LEVEL: "warn",
      PUBLIC_URL: baseUrl,
      // every browser test logs in from 127.0.0.1; the per-address limit has its own HTTP test
      RATE_LIMIT_LOGIN_PER_MINUTE: "100",
      // the release sweep (60 s) and the tracking roll-up (15 s) would make the tests that read their
      // results wait that long; their own periods are the production ones, tested in the server suite
      JOB_EVERY_MS: E2E_JOB_PERIODS,
      // the sandbox carrier moves a parcel a step of its route every 0.6 s, so an order page shows a route
      PARCEL_SANDBOX_STEP_MINUTES: "0.01",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // kept beside the screenshots (warnings and errors only), for a failure that happened under CI's load
  fs.mkdirSync(path.join(repoRoot, "e2e/screenshots"), { recursive: true });
  const logFile = fs.createWriteStream(path.join(repoRoot, `e2e/screenshots/server-${port}.log`));
  child.stdout?.on("data", (chunk) => {
    output += chunk;
    logFile.write(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
    logFile.write(chunk);
  });
  child.once("exit", () => logFile.end());
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const workers = project.config.maxWorkers;
  const servers = await Promise.all(Array.from({ length: workers }, startServer));
  project.provide(
    "baseUrls",
    servers.map((s) => s.baseUrl),
  );
  project.provide("ownerPassword", OWNER_PASSWORD);
  return async () => {
    await Promise.all(servers.map((s) => s.stop()));
  };
}
