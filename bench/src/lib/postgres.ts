// Throwaway PostgreSQL databases on the local cluster (postgres@127.0.0.1:5432), through psql.
import { execFileSync } from "node:child_process";

export const PG_HOST = "127.0.0.1";
export const PG_USER = "postgres";

export function psql(sql: string, database = "postgres"): string {
  return execFileSync("psql", [
    "-h",
    PG_HOST,
    "-U",
    PG_USER,
    "-d",
    database,
    "-v",
    "ON_ERROR_STOP=1",
    "-Atc",
    sql,
  ])
    .toString()
    .trim();
}

export function databaseUrl(name: string): string {
  return `postgres://${PG_USER}@${PG_HOST}:5432/${name}`;
}

export function createDatabase(name: string, template?: string): string {
  psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  psql(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ""}`);
  return databaseUrl(name);
}

export function dropDatabase(name: string): void {
  psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
