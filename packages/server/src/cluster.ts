// WORKERS > 1 (PostgreSQL only): this primary migrates, creates the owner, seeds and installs the job
// queue once, then forks WORKERS API processes that share the port (node:cluster hands out connections).
// A worker that dies is replaced; SIGTERM/SIGINT stop them all gracefully.
import cluster, { type Worker } from "node:cluster";
import { generateKeyPairSync } from "node:crypto";
import type { Config } from "./config.ts";
import { openConfiguredDatabase } from "./db/open.ts";
import { prepareQueue } from "./jobs/queue-scheduler.ts";
import { loadSecret } from "./lib/secret-box.ts";
import { prepareShop } from "./prepare.ts";
import { startBanner } from "./serve.ts";

export async function superviseWorkers(config: Config): Promise<void> {
  const startedAt = performance.now();
  const database = await openConfiguredDatabase(config, { migrate: true });
  const owner = await prepareShop({ config, db: database.db, now: () => new Date() });
  await database.close();
  if (config.databaseUrl) await prepareQueue(config.databaseUrl);
  // Every worker must seal and sign with the same keys: a pay link signed by one is checked by another.
  loadSecret(config.secretKey, config.dataDir);
  const sandboxKey =
    config.sandboxPaymentKey ??
    generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const env = { SANDBOX_PAYMENT_KEY: sandboxKey };

  let stopping = false;
  let listening = 0;
  const fork = (): Worker => {
    const worker = cluster.fork(env);
    worker.once("listening", () => {
      started.add(worker.id);
      if (++listening === config.workers)
        console.log(startBanner(config, "postgres", performance.now() - startedAt, config.workers));
    });
    return worker;
  };
  const started = new Set<number>();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    if (!started.has(worker.id)) {
      // It died before serving: a configuration or startup error that another fork would repeat.
      console.error(`worker ${worker.process.pid} failed to start (${signal ?? code}); stopping`);
      process.exitCode = 1;
      stop();
      return;
    }
    console.error(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    setTimeout(fork, 1000);
  });
  for (let i = 0; i < config.workers; i++) fork();

  if (owner.created) {
    const password = owner.generatedPassword ?? "(from OWNER_PASSWORD)";
    console.log(`\n  Owner account: ${owner.username} / ${password}\n`);
  }
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    let left = workers.length;
    if (left === 0) process.exit();
    for (const worker of workers) {
      worker.once("exit", () => {
        if (--left === 0) process.exit();
      });
      worker.process.kill("SIGTERM");
    }
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
