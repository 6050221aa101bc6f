// The product's servers for the browser tests, on the embedded database with the demo data: one per worker,
// so two files run at once and each still has a server to itself (the files change shop-wide settings and
// read shop-wide figures, which they could not share with a file running beside them).
// The first starts as a newcomer's `npm start` does, on an empty data folder (migrations, owner, demo seed);
// it is then stopped and every worker's server starts on its own copy of that folder, as a second start
// would. Preparing the folder twice at once took 22-26 s of the loaded 2-core machine; a copy starts in a
// fraction of the CPU time.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const OWNER_PASSWORD = "e2e-owner-pass";
/** Sweeps the browser tests wait for, run every second instead of every minute / 15 s. */
const E2E_JOB_PERIODS =
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

type Server = { baseUrl: string; dataDir: string; stop: () => Promise<void> };

/** A server on the data folder and a free port; resolves once it answers. `stop` leaves the folder. */
async function startServer(dataDir: string): Promise<Server> {
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
  };
  try {
    await waitForHealth(baseUrl, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, dataDir, stop };
}

const newDataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "liebian-e2e-"));

/** `count` servers on copies of one prepared data folder; `stop` also removes their folders. */
export async function startServers(
  count: number,
): Promise<Array<{ baseUrl: string; stop: () => Promise<void> }>> {
  const first = newDataDir();
  const prepared = await startServer(first).catch((error) => {
    fs.rmSync(first, { recursive: true, force: true });
    throw error;
  });
  // stopped (SIGTERM closes the database, which writes everything to the folder) before it is copied
  await prepared.stop();
  const folders = [prepared.dataDir];
  while (folders.length < count) {
    const copy = newDataDir();
    fs.cpSync(prepared.dataDir, copy, { recursive: true });
    folders.push(copy);
  }
  const started = await Promise.allSettled(folders.map(startServer));
  const servers = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const removeFolders = () => {
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  };
  const failed = started.find((s) => s.status === "rejected");
  if (failed) {
    await Promise.all(servers.map((s) => s.stop()));
    removeFolders();
    throw failed.reason;
  }
  return servers.map((s) => ({
    baseUrl: s.baseUrl,
    stop: async () => {
      await s.stop();
      fs.rmSync(s.dataDir, { recursive: true, force: true });
    },
  }));
}
