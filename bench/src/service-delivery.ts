// Customer-service delivery benchmark: N open conversations (BENCH_CONVERSATIONS, default "1000,300": a run
// each, on a fresh server and database), each with
// the shopper's page holding its live stream (server-sent events) open, and staff sending each conversation
// one message a second for BENCH_SECONDS (default 10). Delivery latency is from the moment the reply's POST
// is sent to the moment the shopper's stream carries it. PostgreSQL with WORKERS API processes (default 2),
// so most replies are written by one process and delivered by another (LISTEN/NOTIFY).
// Writes bench/results/service-delivery.json. Small run: BENCH_CONVERSATIONS=50 BENCH_SECONDS=5.
// BENCH_PROFILE=1 runs the server under --cpu-prof and prints where its CPU went per message instead
// (the figures under the profiler are not written). The load generator's own CPU is reported beside the
// server's: it shares the cores. BENCH_REPO=<another checkout> runs that checkout's server (an A/B on a busy
// machine: interleave the two); its figures are printed, not written.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { type Profile, report } from "./lib/cpu-profile.ts";
import { call, must } from "./lib/http.ts";
import { createDatabase, dropDatabase } from "./lib/postgres.ts";
import { writeResult } from "./lib/result.ts";
import { OWNER_PASSWORD, startServer } from "./lib/server.ts";
import { percentile, round } from "./lib/stats.ts";

const COUNTS = (process.env.BENCH_CONVERSATIONS ?? "1000,300").split(",").map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const PROFILE = process.env.BENCH_PROFILE === "1";
const REPO = process.env.BENCH_REPO;
const DB = "liebian_bench_service";

type Stream = { conversationId: number; close: () => void };

/** Holds the shopper's live stream open and reports each staff message's delivery latency. */
function openStream(base: string, token: string, conversationId: number, onLatency: (ms: number) => void) {
  return new Promise<Stream>((resolve, reject) => {
    const req = http.request(
      new URL(`/api/v1/service/conversations/${conversationId}/events`, base),
      { headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" }, agent: false },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream ${conversationId}: ${res.statusCode}`));
        let buffer = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          buffer += chunk;
          let end = buffer.indexOf("\n\n");
          while (end >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block.split("\n").find((l) => l.startsWith("data: "));
            const sentAt = data ? /"body":"bench (\d+(?:\.\d+)?)"/.exec(data)?.[1] : undefined;
            if (sentAt) onLatency(performance.now() - Number(sentAt));
            end = buffer.indexOf("\n\n");
          }
        });
        resolve({ conversationId, close: () => req.destroy() });
      },
    );
    req.on("error", () => {});
    req.end();
  });
}

async function register(base: string, i: number) {
  const phone = `136${String(i).padStart(8, "0")}`;
  const sent = await must(base, "POST", "/api/v1/auth/sms-codes", { phone, purpose: "register" });
  const session = await must(base, "POST", "/api/v1/auth/register", {
    phone,
    password: "bench-pass-1",
    code: sent.demoCode,
  });
  const opened = await must(base, "POST", "/api/v1/service/conversations", {}, session.token);
  return { token: session.token as string, conversationId: opened.conversation.id as number };
}

export default async function run(): Promise<void> {
  const runs = [];
  for (const conversations of COUNTS) runs.push(await runOnce(conversations));
  if (!PROFILE && !REPO) writeResult("service-delivery", { runs });
}

async function runOnce(conversations: number) {
  const url = createDatabase(DB);
  const profileDir = PROFILE ? mkdtempSync(path.join(os.tmpdir(), "liebian-prof-")) : null;
  const server = await startServer({
    databaseUrl: url,
    workers: WORKERS,
    ...(REPO ? { repo: REPO } : {}),
    ...(profileDir ? { nodeArgs: ["--cpu-prof", "--cpu-prof-dir", profileDir] } : {}),
  }).catch((error: unknown) => {
    dropDatabase(DB);
    throw error;
  });
  const streams: Stream[] = [];
  let measured = { sent: 0, seconds: 0 };
  let result: Record<string, number> = {};
  try {
    const base = server.baseUrl;
    const { token: staff } = await must(base, "POST", "/api/admin/v1/auth/login", {
      username: "owner",
      password: OWNER_PASSWORD,
    });
    const shoppers = [];
    for (let i = 0; i < conversations; i += 10) {
      const batch = Array.from({ length: Math.min(10, conversations - i) }, (_, k) => register(base, i + k));
      shoppers.push(...(await Promise.all(batch)));
    }
    const latencies: number[] = [];
    for (const s of shoppers)
      streams.push(await openStream(base, s.token, s.conversationId, (ms) => latencies.push(ms)));

    // one message a second per conversation, spread evenly over each second
    let sent = 0;
    let refused = 0;
    const cpuBefore = server.cpuMs();
    const clientBefore = process.cpuUsage();
    const started = performance.now();
    const sends: Promise<void>[] = [];
    for (let second = 0; second < SECONDS; second += 1) {
      for (let i = 0; i < shoppers.length; i += 1) {
        const due = started + second * 1000 + (i * 1000) / shoppers.length;
        const wait = due - performance.now();
        if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
        const t0 = performance.now();
        sent += 1;
        sends.push(
          call(
            base,
            "POST",
            `/api/admin/v1/service/conversations/${shoppers[i]!.conversationId}/messages`,
            { text: `bench ${t0}` },
            staff,
          ).then(
            (res) => {
              if (res.status !== 201) refused += 1;
            },
            () => {
              refused += 1;
            },
          ),
        );
      }
    }
    await Promise.all(sends);
    // the last messages' deliveries
    const settleUntil = performance.now() + 5000;
    while (latencies.length < sent - refused && performance.now() < settleUntil) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const elapsed = (performance.now() - started) / 1000;
    const client = process.cpuUsage(clientBefore);
    const sorted = [...latencies].sort((a, b) => a - b);
    result = {
      conversations: shoppers.length,
      seconds: SECONDS,
      workers: WORKERS,
      sent,
      refused,
      delivered: latencies.length,
      lost: sent - refused - latencies.length,
      messagesPerSecond: round(sent / elapsed),
      p50Ms: round(percentile(sorted, 50)),
      p99Ms: round(percentile(sorted, 99)),
      maxMs: round(sorted.at(-1) ?? 0),
      serverCpuMsPerMessage: round((server.cpuMs() - cpuBefore) / Math.max(1, sent)),
      loadGeneratorCpuMsPerMessage: round((client.user + client.system) / 1000 / Math.max(1, sent)),
    };
    console.log(result);
    measured = { sent, seconds: (performance.now() - started) / 1000 };
  } finally {
    for (const s of streams) s.close();
    await server.stop();
    dropDatabase(DB);
  }
  if (profileDir) {
    // one profile per process: the primary and each API worker
    const profiles = readdirSync(profileDir)
      .filter((f) => f.endsWith(".cpuprofile"))
      .map((f) => JSON.parse(readFileSync(path.join(profileDir, f), "utf8")) as Profile);
    console.log(`profiles: ${profileDir}`);
    report(profiles, measured.sent, measured.seconds, "message");
  }
  return result;
}
