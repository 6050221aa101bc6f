// Starts the real server (packages/server/src/main.ts) as a child process on a free loopback port and
// stops it by its own pid. PostgreSQL when databaseUrl is given, otherwise PGlite in a temp DATA_DIR.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "./result.ts";

export const OWNER_PASSWORD = "bench-owner-pass-1";

export type RunningServer = {
  baseUrl: string;
  pid: number;
  /** CPU time (user + system) the server has used so far, in ms: its process and any worker processes. */
  cpuMs: () => number;
  stop: () => Promise<void>;
};

/**
 * The node flags `npm run serve` starts the server with (package.json), so a bench measures what a shop runs:
 * a 64 MB young generation (V8's default is 16 MB) scavenges a quarter as often; server CPU per placed + paid
 * order in same-run A/Bs on a busy machine: 9.06 -> 7.35 ms (load 15-16), and 4.77 -> 4.54 ms once the
 * checkout sent fewer statements (load 14-15; BENCH_NODE_ARGS=--max-semi-space-size=16 undoes it on one side).
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=64"];

const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim());

/** A process and its descendants (cluster workers), from the kernel's children lists. */
function processTree(pid: number): number[] {
  const children = readdirSyncSafe(`/proc/${pid}/task`).flatMap((task) =>
    readFileSafe(`/proc/${pid}/task/${task}/children`).split(" ").filter(Boolean).map(Number),
  );
  return [pid, ...children.flatMap(processTree)];
}

/** CPU time (user + system) of one process so far, in ms, from its stat; 0 once it is gone. */
function processCpuMs(pid: number): number {
  const stat = readFileSafe(`/proc/${pid}/stat`);
  if (!stat) return 0;
  const fields = stat.split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

function readdirSyncSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * `nodeArgs` go before the entry point, e.g. `["--cpu-prof"]` to profile the server under load; `workers`
 * sets WORKERS (API processes on PostgreSQL; the server's default is the core count).
 */
export async function startServer(options: {
  databaseUrl?: string;
  nodeArgs?: string[];
  workers?: number;
  /** Another checkout of the repository to run the server from (an A/B comparison); this one by default. */
  repo?: string;
  /** More environment for this server only, e.g. PGOPTIONS to A/B a PostgreSQL session setting. */
  env?: Record<string, string>;
}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "liebian-bench-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    SEED_DEMO: "true",
    OWNER_PASSWORD,
    LOG_LEVEL: "warn",
    // Shoppers are registered up front; the login limiter is not what this measures.
    RATE_LIMIT_LOGIN_PER_MINUTE: "100000",
    // every shopper signs up with an SMS code from this one address
    SMS_DAILY_LIMIT_PER_IP: "1000000",
    ...options.env,
  };
  if (options.workers !== undefined) env.WORKERS = String(options.workers);
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;
  const child: ChildProcess = spawn(
    process.execPath,
    [...SERVER_NODE_FLAGS, ...(options.nodeArgs ?? []), "--import", "tsx", "packages/server/src/main.ts"],
    {
      cwd: options.repo ?? repoRoot,
      env,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  // BENCH_SERVER_STDOUT=<file> keeps what the server prints (e.g. with --trace-opt in nodeArgs).
  if (process.env.BENCH_SERVER_STDOUT) child.stdout?.pipe(createWriteStream(process.env.BENCH_SERVER_STDOUT));
  const baseUrl = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    let out = "";
    // a busy machine starts slowly; a server that did not start in time is stopped, not left behind
    const timer = setTimeout(
      () => {
        child.kill("SIGTERM");
        reject(new Error(`server did not start:\n${out}`));
      },
      Number(process.env.BENCH_START_TIMEOUT_MS ?? 300_000),
    );
    child.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (/Liebian (is )?ready/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const pid = child.pid!;
  return {
    baseUrl,
    pid,
    cpuMs: () => processTree(pid).reduce((sum, p) => sum + processCpuMs(p), 0),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        process.kill(pid, "SIGTERM");
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
