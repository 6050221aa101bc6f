// `npm run migrate`: applies pending migrations to the configured database and exits non-zero on failure.
import { loadConfig } from "../config.ts";
import { openConfiguredDatabase } from "../db/open.ts";

try {
  const database = await openConfiguredDatabase(loadConfig());
  console.log(`migrations applied on ${database.engine}`);
  await database.close();
} catch (error) {
  console.error("migration failed:", error instanceof Error ? error.message : error);
  process.exit(1);
}
