// Issue 8's fuzz test: every route of /api/openapi.json, as anonymous, shopper and owner, with paths, queries
// and bodies generated from the route's own schema (schema-arbitrary.ts) and broken by the hostile list
// (hostile.ts), plus wrong content types and empty bodies. No answer may be a 5xx, every error is the
// standard `{ error: { code, message } }`, and the ledger audit runs clean afterwards (test-app.ts).
// The routes are dealt round-robin over a few test files (fuzz-N.test.ts) so that the suite's workers share
// the work; each file has its own app and small shop. Together they cover every route.
// When the suite runs on both engines, they share a route's cases: each sends every other one, so both still
// see every route, caller and kind of case (there are five kinds; each engine gets each kind twice).
// FUZZ_CASES (default 20) sets the cases per route per caller; FUZZ_SEED replays a run (on the same engines).
import fc from "fast-check";
import { describe, expect, inject, test } from "vitest";
import { hashToken, newToken } from "../../../src/lib/tokens.ts";
import { insertSession } from "../../../src/modules/accounts/repo.ts";
import { insertStaff } from "../../../src/modules/staff/repo.ts";
import { createProduct, pay, placeOrder, shopperWithAddress } from "../../commerce/fixtures.ts";
import { startTestApp } from "../../support/test-app.ts";
import { engine } from "../../support/test-database.ts";
import { hostileTexts, mutate, type Rng, toJsonText } from "./hostile.ts";
import { arbitraryOf, type JsonSchema } from "./schema-arbitrary.ts";

const CASES = Number(process.env.FUZZ_CASES ?? 20);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
/** This engine's share of the cases: case i runs on engines[i % engines.length]. */
const engines = inject("engines") ?? [engine];
const ownCase = (i: number) => i % engines.length === engines.indexOf(engine);
const OWN_CASES = Array.from({ length: CASES }, (_, i) => i).filter(ownCase).length;

type Caller = "anonymous" | "shopper" | "owner";
type Parameter = { in: string; name: string; required?: boolean; schema: JsonSchema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
};

/** Payment providers get their own acknowledgement format back, not ours; they only must not see a 5xx. */
const providerAck = (path: string) => path.includes("/payments/notify/");

function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  return {
    nextInt(min, max) {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      const unit = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      return min + Math.floor(unit * (max - min + 1));
    },
  };
}

function objectSchemaOf(parameters: Parameter[], where: string): JsonSchema {
  const own = parameters.filter((p) => p.in === where);
  return {
    type: "object",
    properties: Object.fromEntries(own.map((p) => [p.name, p.schema])),
    required: own.filter((p) => p.required).map((p) => p.name),
  };
}

/** encodeURIComponent throws on a lone surrogate; send those as the replacement character a browser would. */
const encode = (text: string) =>
  encodeURIComponent(
    text.replace(/[\uD800-\uDFFF]/g, (c, i: number, s: string) =>
      /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(s.slice(i - 1, i + 1) + s.slice(i, i + 2)) ? c : "\uFFFD",
    ),
  );

/** `a=1&b=2` for a query object (its values JSON when they are objects); "" when it has no values. */
function queryText(query: unknown): string {
  return Object.entries(query ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) =>
      typeof v === "object" && v !== null
        ? `${encode(k)}=${encode(toJsonText(v))}`
        : `${encode(k)}=${encode(String(v))}`,
    )
    .join("&");
}

/**
 * A hostile query can be a whole string, which spreads into one parameter per character: 350,000 for the
 * megabyte. The same few strings come back in every shard, and building the text took a second a case (a third
 * of a shard's time, mostly the garbage it left), so each string's text is built once.
 */
const stringQueries = new Map<string, string>();
function queryOfString(query: string): string {
  const known = stringQueries.get(query);
  if (known !== undefined) return known;
  const text = queryText(query);
  stringQueries.set(query, text);
  return text;
}

type Built = { method: string; url: string; headers: Record<string, string>; payload?: string | Buffer };

/** The i-th case of a route: plausible first, then with one piece made hostile. */
function buildCase(
  method: string,
  path: string,
  op: Operation,
  values: Generated,
  i: number,
  rng: Rng,
): Built {
  const kind = i % 5; // 0 plausible, 1 hostile body, 2 hostile query, 3 hostile path, 4 wrong content type / empty body
  const pathValues = values.path[i] as Record<string, unknown>;
  let query = values.query[i] as Record<string, unknown>;
  let body = values.body[i];
  // Routes without a body schema (payment notifications read raw bytes) get hostile bodies all the same.
  if (kind === 1) body = mutate(body ?? {}, rng);
  if (kind === 2) query = mutate(query, rng) as Record<string, unknown>;
  let url = path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    if (kind === 3) return hostileTexts[rng.nextInt(0, hostileTexts.length - 1)]!;
    return encode(String(pathValues?.[name] ?? "1"));
  });
  const search = typeof query === "string" ? queryOfString(query) : queryText(query);
  const parts = search ? [search] : [];
  if (kind === 2 && rng.nextInt(0, 1) === 0)
    parts.push(`q=${hostileTexts[rng.nextInt(0, hostileTexts.length - 1)]}`);
  if (parts.length) url += `?${parts.join("&")}`;
  const headers: Record<string, string> = {};
  if (method === "get" || method === "delete") return { method, url, headers };
  if (op.requestBody?.content?.["multipart/form-data"] || path.endsWith("/uploads")) {
    const boundary = "fuzzboundary";
    headers["content-type"] =
      rng.nextInt(0, 2) === 0 ? "multipart/form-data" : `multipart/form-data; boundary=${boundary}`;
    const parts = [
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a\u0000.png"\r\nContent-Type: image/png\r\n\r\n\u0089PNG garbage\r\n`,
      `--${boundary}--\r\n`,
      "",
    ];
    return { method, url, headers, payload: parts.slice(0, rng.nextInt(0, 3)).join("") };
  }
  if (kind === 4) {
    const variants: Array<[string | undefined, string]> = [
      ["application/json", ""],
      ["text/plain", toJsonText(body ?? {})],
      ["application/x-www-form-urlencoded", "a=1&b=%00"],
      ["application/xml", "<a>1</a>"],
      ["application/json", "{"],
      ["application/json", "null"],
      ["application/json", "[]"],
      [undefined, toJsonText(body ?? {})],
    ];
    const [type, payload] = variants[i % variants.length]!;
    if (type) headers["content-type"] = type;
    return { method, url, headers, payload };
  }
  headers["content-type"] = "application/json";
  return { method, url, headers, payload: toJsonText(body ?? {}) };
}

type Generated = { path: unknown[]; query: unknown[]; body: unknown[] };

function generate(op: Operation, seed: number, resolve: (ref: string) => JsonSchema): Generated {
  const parameters = op.parameters ?? [];
  const sample = (schema: JsonSchema | undefined, offset: number) =>
    schema
      ? fc.sample(arbitraryOf(schema, resolve), { seed: seed + offset, numRuns: CASES })
      : Array(CASES).fill(undefined);
  return {
    path: sample(objectSchemaOf(parameters, "path"), 1),
    query: sample(objectSchemaOf(parameters, "query"), 2),
    body: sample(op.requestBody?.content?.["application/json"]?.schema, 3),
  };
}

/** Registers the fuzz test for the routes whose index is `shard` modulo `shards`. */
export async function fuzzShard(shard: number, shards: number): Promise<void> {
  const ctx = await startTestApp();
  const { app, client, deps, clock } = ctx;

  // A small shop so that generated ids 1..6 often name real rows: products, an address, paid orders.
  const ownerToken = await client.loginOwner();
  const product = await createProduct(ctx, ownerToken, { skus: [{ priceFen: 1999, stock: 1000 }] });
  const shopper = await shopperWithAddress(ctx);
  for (let i = 0; i < 2; i++)
    await pay(ctx, await placeOrder(ctx, shopper, [{ skuId: product.skus[0]!.id, quantity: 1 }]));
  await client.post(`/api/admin/v1/distribution/distributors/${shopper.userId}/appoint`, {}, ownerToken);

  const tokens: Record<Caller, string | null> = {
    anonymous: null,
    shopper: shopper.token,
    owner: ownerToken,
  };

  /** A fuzzed request may log its caller out, disable or re-password them: mint a fresh session when it did. */
  async function keepCallersSignedIn(): Promise<void> {
    const expiresAt = new Date(clock.now().getTime() + 30 * 86_400_000);
    if ((await client.get("/api/admin/v1/me", tokens.owner)).status !== 200) {
      const member = await insertStaff(deps.db, {
        username: `fuzz_owner_${newToken().slice(0, 8)}`,
        name: "店主",
        role: "owner",
        passwordHash: "x",
      });
      tokens.owner = newToken();
      await insertSession(deps.db, {
        tokenHash: hashToken(tokens.owner),
        subjectKind: "staff",
        subjectId: member!.id,
        expiresAt,
      });
    }
    if ((await client.get("/api/v1/me", tokens.shopper)).status !== 200)
      tokens.shopper = (await client.registerShopper()).token;
  }

  const document = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json() as {
    paths: Record<string, Record<string, Operation>>;
    components?: { schemas?: Record<string, JsonSchema> };
  };
  const resolve = (ref: string) => document.components?.schemas?.[ref.split("/").at(-1)!] ?? {};

  // Server-sent event streams (…/events) stay open by design, so an injected request would never end; their
  // access rules and bad input are tested in test/service/conversations.test.ts over a real socket.
  const routes = Object.entries(document.paths)
    .filter(([path]) => !path.endsWith("/events"))
    .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })))
    .filter((_route, index) => index % shards === shard);

  describe(`fuzz shard ${shard + 1}/${shards}: ${routes.length} routes × 3 callers × ${OWN_CASES} of ${CASES} cases (seed ${SEED})`, () => {
    test("no 5xx, and every refusal in the standard error body", { timeout: 1_800_000 }, async () => {
      const problems = new Map<string, string>();
      let requests = 0;
      const spent = new Map<string, number>();
      for (const [index, { path, method, op }] of routes.entries()) {
        const values = generate(op, SEED + index * 7, resolve);
        for (const caller of ["anonymous", "shopper", "owner"] as const) {
          const rng = seededRng(SEED + index * 31 + caller.length);
          for (let i = 0; i < CASES; i++) {
            // built either way, so that a seed makes the same cases whichever engines share them
            const built = buildCase(method, path, op, values, i, rng);
            if (!ownCase(i)) continue;
            const token = tokens[caller];
            if (token) built.headers.authorization = `Bearer ${token}`;
            const started = performance.now();
            const res = await app.inject({
              method: built.method.toUpperCase() as "GET",
              url: built.url,
              headers: built.headers,
              ...(built.payload !== undefined ? { payload: built.payload } : {}),
            });
            requests++;
            const key = `${method.toUpperCase()} ${path} as ${caller}`;
            spent.set(key, (spent.get(key) ?? 0) + performance.now() - started);
            if (res.statusCode >= 500) {
              problems.set(
                `${key} → ${res.statusCode}`,
                `${built.url.slice(0, 200)} ${String(built.payload ?? "").slice(0, 300)} → ${res.body.slice(0, 300)}`,
              );
              continue;
            }
            if (res.statusCode >= 400 && !providerAck(path)) {
              const error = (() => {
                try {
                  return (res.json() as { error?: { code?: unknown; message?: unknown } }).error;
                } catch {
                  return undefined;
                }
              })();
              if (typeof error?.code !== "string" || typeof error.message !== "string")
                problems.set(
                  `${key} → ${res.statusCode} non-standard body`,
                  `${built.url.slice(0, 200)} → ${res.body.slice(0, 200)}`,
                );
            }
          }
        }
        await keepCallersSignedIn();
      }
      if (process.env.FUZZ_TIMING) {
        const slowest = [...spent.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
        console.info(slowest.map(([key, ms]) => `${Math.round(ms)} ms  ${key}`).join("\n"));
      }
      const report = [...problems.entries()].map(([k, v]) => `${k}\n    ${v}`).join("\n");
      expect(routes.length).toBeGreaterThan(0);
      expect(requests).toBeGreaterThanOrEqual(routes.length * 3 * OWN_CASES);
      expect(problems.size, `seed ${SEED}\n${report}`).toBe(0);
    });
  });
}
