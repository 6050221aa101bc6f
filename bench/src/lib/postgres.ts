// Throwaway PostgreSQL databases on the local cluster (postgres@127.0.0.1:5432), through psql.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

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

/** Where Debian's PostgreSQL listens locally; BENCH_PG_SOCKET=0 keeps the server on TCP loopback. */
const SOCKET_DIR = "/var/run/postgresql";

/**
 * The URL the benchmarked server connects with: the Unix socket when the cluster has one here (how a server
 * on the database's own machine should connect: pgbench on our checkout spent ~40% less client CPU and
 * ~10% less backend CPU per checkout than over TCP loopback), else TCP.
 */
export function serverDatabaseUrl(name: string): { url: string; via: "unix socket" | "tcp loopback" } {
  if (process.env.BENCH_PG_SOCKET !== "0" && existsSync(`${SOCKET_DIR}/.s.PGSQL.5432`))
    return { url: `postgres://${PG_USER}@localhost/${name}?host=${SOCKET_DIR}`, via: "unix socket" };
  return { url: databaseUrl(name), via: "tcp loopback" };
}

export function createDatabase(name: string, template?: string): string {
  psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  psql(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ""}`);
  return databaseUrl(name);
}

export function databaseExists(name: string): boolean {
  return psql(`SELECT 1 FROM pg_database WHERE datname = '${name.replace(/'/g, "''")}'`) === "1";
}

export function dropDatabase(name: string): void {
  psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
