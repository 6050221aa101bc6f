// Writes bench/results/<name>.json with the machine it ran on, so figures are never read without context.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export function machine(): Record<string, unknown> {
  let gitSha: string | null = null;
  let postgres: string | null = null;
  try {
    gitSha = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot }).toString().trim();
  } catch {}
  try {
    postgres = execFileSync("psql", ["-h", "127.0.0.1", "-U", "postgres", "-Atc", "show server_version"])
      .toString()
      .trim();
  } catch {}
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    postgres,
    gitSha,
    at: new Date().toISOString(),
  };
}

export function writeResult(name: string, body: Record<string, unknown>): string {
  const dir = path.join(repoRoot, "bench/results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify({ name, ...body, machine: machine() }, null, 2)}\n`);
  console.log(`wrote ${path.relative(repoRoot, file)}`);
  return file;
}
