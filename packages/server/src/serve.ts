// The composition root of one API process: reads config, opens the database, wires the modules, serves
// and runs the sweeps. `prepared`: a cluster primary already migrated, created the owner and seeded.
import { composeDeps } from "./compose.ts";
import type { Config } from "./config.ts";
import { openConfiguredDatabase } from "./db/open.ts";
import { buildApp } from "./http/app.ts";
import { startScheduler } from "./jobs/scheduler.ts";
import { loadStoredPaymentProviders } from "./modules/payments/settings.ts";
import { prepareShop } from "./prepare.ts";

export async function serve(config: Config, options: { prepared: boolean }): Promise<void> {
  const startedAt = performance.now();
  const database = await openConfiguredDatabase(config, { migrate: !options.prepared });
  // The sandbox SMS writes each code to the log (the app exists by the time anyone asks for a code).
  const deps = composeDeps(config, database, { now: () => new Date(), log: (line) => app.log.info(line) });
  // WeChat Pay / Alipay as the merchant configured them in the admin (keys sealed with SECRET_KEY).
  const unloadablePayments = await loadStoredPaymentProviders(deps);

  const owner = options.prepared ? { created: false as const } : await prepareShop(deps);

  const app = await buildApp(deps, { logger: { level: config.logLevel } });
  for (const provider of unloadablePayments)
    app.log.error(
      { provider },
      "stored payment settings do not open with this SECRET_KEY; re-enter them in the admin",
    );
  await app.listen({ port: config.port, host: config.host });
  const scheduler = await startScheduler(deps, {
    log: (level, message, data) => app.log[level](data ?? {}, message),
  });

  if (owner.created) {
    const password = owner.generatedPassword ?? "(from OWNER_PASSWORD)";
    app.log.info({ username: owner.username }, "created the shop owner account");
    // Printed once, on the first start only; it is not stored anywhere in clear.
    console.log(`\n  Owner account: ${owner.username} / ${password}\n`);
  }
  if (!options.prepared) console.log(startBanner(config, database.engine, performance.now() - startedAt));

  let closing = false;
  async function shutdown(signal: string): Promise<void> {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down");
    await scheduler.stop();
    await app.close();
    await database.close();
    process.exit(0);
  }
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

/** One readable line for the terminal: how long the start took and where each part is. */
export function startBanner(config: Config, engine: string, ms: number, workers = 1): string {
  const base = config.publicUrl;
  const processes = workers > 1 ? `, ${workers} processes` : "";
  return `Liebian ready in ${Math.round(ms)} ms (${engine}${processes}) · shop ${base}/ · admin ${base}/admin/ · docs ${base}/api/docs`;
}
