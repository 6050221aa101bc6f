// Applies the committed SQL migrations in ./drizzle, on either engine, before the server serves.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { Database } from "./client.ts";

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../drizzle");

export async function runMigrations(database: Database, folder = migrationsFolder): Promise<void> {
  // The casts pick the driver-specific migrator; the database object is the same Drizzle instance.
  if (database.engine === "pglite") {
    await migratePglite(database.db as never, { migrationsFolder: folder });
  } else {
    await migrateNodePg(database.db as never, { migrationsFolder: folder });
  }
}
