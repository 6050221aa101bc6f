// A real server as a child process on a test database, for the tests that need separate processes
// (WORKERS, kill -9). The server is bundled once per test process with esbuild so that a (re)start
// costs a second, not the several seconds tsx spends compiling every module on each start.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const serverRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
let bundled: Promise<string> | undefined;

/** main.ts and everything of ours it imports in one file; packages stay imports from node_modules. */
function bundleServer(): Promise<string> {
  bundled ??= (async () => {
    const outfile = path.join(
      serverRoot,
      "node_modules/.cache/liebian-test-server",
      `main-${process.pid}.mjs`,
    );
    await build({
      entryPoints: [path.join(serverRoot, "src/main.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      outfile,
      logLevel: "warning",
      plugins: [
        {
          name: "keep-file-urls",
          setup(b) {
            b.onResolve({ filter: /^[^./]/ }, (args) =>
              args.path.startsWith("@liebian/") ? undefined : { path: args.path, external: true },
            );
            // Each module finds its folders (migrations, demo assets) from its own import.meta.url.
            b.onLoad({ filter: /\.ts$/ }, (args) => ({
              loader: "ts",
              contents: fs
                .readFileSync(args.path, "utf8")
                .replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)),
            }));
          },
        },
      ],
    });
    process.once("exit", () => fs.rmSync(outfile, { force: true }));
    return outfile;
  })();
  return bundled;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type ServerProcess = {
  url: string;
  child: ChildProcess;
  /** The last 400 lines it printed but request lines, newest last (they go into a failure message). */
  output: string[];
  /** The process ids that logged a completed request (LOG_LEVEL=debug). */
  servedBy: Set<number>;
  /** SIGKILL: no shutdown, no flush, connections cut mid-transaction. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for a graceful exit. */
  stop(): Promise<void>;
};

export async function startServerProcess(options: {
  databaseUrl: string;
  port?: number;
  env?: Record<string, string>;
}): Promise<ServerProcess> {
  const main = await bundleServer();
  const port = options.port ?? (await freePort());
  const dataDir = fs.mkdtempSync(path.join(serverRoot, "node_modules/.cache/liebian-test-data-"));
  const child = spawn(process.execPath, [main], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: options.databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      SEED_DEMO: "false",
      OWNER_PASSWORD: "owner-pass-123",
      SECRET_KEY: "test-secret-key-that-is-long-enough-1234",
      RATE_LIMIT_LOGIN_PER_MINUTE: "100000",
      SMS_DAILY_LIMIT_PER_IP: "100000",
      SMS_DAILY_LIMIT_PER_PHONE: "100000",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const servedBy = new Set<number>();
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      resolve();
    }),
  );
  const ready = new Promise<void>((resolve, reject) => {
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n").filter(Boolean)) {
        const served = /"pid":(\d+).*"msg":"request completed"/.exec(line);
        if (served) {
          servedBy.add(Number(served[1]));
          continue;
        }
        output.push(line);
        if (output.length > 400) output.shift();
        if (line.includes("Liebian ready")) resolve();
      }
    };
    child.stdout?.on("data", onLine);
    child.stderr?.on("data", onLine);
    child.once("exit", (code) =>
      reject(new Error(`server exited (${code}):\n${output.slice(-40).join("\n")}`)),
    );
    setTimeout(() => reject(new Error(`server not ready in 60 s:\n${output.slice(-40).join("\n")}`)), 60_000);
  });
  await ready;
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output,
    servedBy,
    async kill9() {
      child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      child.kill("SIGTERM");
      // A graceful stop waits for requests in flight; one that hangs past 10 s is killed.
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export type HttpReply<T = any> = { status: number; body: T };

/**
 * One request on a fresh connection (no keep-alive), so node:cluster spreads requests over its workers.
 * A refused or cut connection rejects, as it would for a shopper's phone.
 */
export function httpCall<T = any>(
  base: string,
  method: string,
  url: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<HttpReply<T>> {
  const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers: Record<string, string> = { ...options.headers };
  if (payload !== undefined) headers["content-type"] ??= "application/json";
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(url, base), { method, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString();
        const json = (response.headers["content-type"] ?? "").includes("json") && text;
        resolve({ status: response.statusCode ?? 0, body: (json ? JSON.parse(text) : text) as T });
      });
    });
    request.setTimeout(20_000, () => request.destroy(new Error(`${method} ${url} timed out`)));
    request.on("error", reject);
    if (payload !== undefined) request.write(payload);
    request.end();
  });
}
