// Where a server's CPU went, from a V8 .cpuprofile (node --cpu-prof): self time by area (our code,
// Drizzle, pg, Fastify, zod, Node internals) and the top functions, per unit of work (an order, a message).
type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
};
export type Profile = {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
};

function area(url: string): string {
  if (!url) return "(native/gc/idle)";
  if (url.startsWith("wasm://")) return "pglite wasm (postgres)";
  if (url.includes("/@electric-sql/pglite/") || url.includes("/@electric-sql/pg-protocol/"))
    return "pglite js";
  if (url.includes("/drizzle-orm/")) return "drizzle-orm";
  if (url.includes("/pg-protocol/") || url.includes("/pg/") || url.includes("/pg-")) return "pg driver";
  if (
    url.includes("/fastify") ||
    url.includes("/find-my-way/") ||
    url.includes("/light-my-request/") ||
    url.includes("/avvio/") ||
    url.includes("/pino")
  )
    return "fastify+pino";
  if (url.includes("/zod/")) return "zod";
  if (url.includes("/tsx/") || url.includes("/esbuild")) return "tsx loader";
  if (url.includes("/packages/server/src/")) return "server src";
  if (url.includes("/packages/domain/")) return "domain";
  if (url.startsWith("node:")) return "node internals";
  if (url.includes("/node_modules/")) return `other: ${url.split("/node_modules/").pop()!.split("/")[0]}`;
  return url;
}

/**
 * Prints the busy CPU of the last `seconds` before each profile's end (start-up and set-up come before it)
 * per unit of work; several profiles (the API processes of one server) are added up.
 */
export function report(profiles: Profile | Profile[], units: number, seconds: number, unit = "order") {
  const byArea = new Map<string, number>();
  const byFn = new Map<string, number>();
  let busy = 0;
  for (const profile of Array.isArray(profiles) ? profiles : [profiles]) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const selfUs = new Map<number, number>();
    let t = profile.startTime;
    const from = profile.endTime - (seconds + 0.3) * 1e6;
    profile.samples.forEach((id, i) => {
      t += profile.timeDeltas[i] ?? 0;
      if (t >= from) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
    for (const [id, us] of selfUs) {
      const n = byId.get(id)!;
      if (n.callFrame.functionName === "(idle)" || n.callFrame.functionName === "(program)") continue;
      busy += us;
      const a = area(n.callFrame.url);
      byArea.set(a, (byArea.get(a) ?? 0) + us);
      const f = `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.split("/").slice(-2).join("/")}:${n.callFrame.lineNumber}`;
      byFn.set(f, (byFn.get(f) ?? 0) + us);
    }
  }
  const ms = (us: number) => (us / 1000 / units).toFixed(3);
  console.log(
    `busy CPU (sampled, excl. idle): ${(busy / 1000).toFixed(0)} ms over ${units} ${unit}s = ${ms(busy)} ms/${unit}`,
  );
  for (const [a, us] of [...byArea].sort((x, y) => y[1] - x[1]).slice(0, 14))
    console.log(`  ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${ms(us)} ms/${unit}  ${a}`);
  console.log("top functions (self):");
  for (const [f, us] of [...byFn].sort((x, y) => y[1] - x[1]).slice(0, 30))
    console.log(`  ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${f}`);
}
