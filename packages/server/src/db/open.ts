// Opens the configured database (PostgreSQL by URL, else PGlite in DATA_DIR under a lock) and migrates it.
import path from "node:path";
import type { Config } from "../config.ts";
import { type Database, openPglite, openPostgres } from "./client.ts";
import { lockDataDir } from "./data-dir-lock.ts";
import { runMigrations } from "./migrate.ts";

export async function openConfiguredDatabase(
  config: Config,
  options: { migrate: boolean } = { migrate: true },
): Promise<Database> {
  if (config.databaseUrl) {
    const database = await openPostgres(config.databaseUrl, config.databasePoolSize, { keepOpen: true });
    // A cluster's workers open a database their primary already migrated.
    if (options.migrate) await runMigrations(database);
    return database;
  }
  const unlock = lockDataDir(config.dataDir);
  try {
    const database = await openPglite({ dataDir: path.join(config.dataDir, "pgdata") });
    await runMigrations(database);
    return {
      ...database,
      close: async () => {
        await database.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
