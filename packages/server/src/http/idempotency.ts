// Idempotency-Key for requests that move money: the first request's response is stored in the same
// transaction as its effects; a repeat with the same key and body replays it; a different body is refused.
// Concurrent repeats wait on the key's row and then replay, so the work happens exactly once.
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import type { Tx } from "../db/client.ts";
import { idempotencyKeys } from "../db/schema/platform.ts";
import { runStatement } from "../db/statement.ts";
import { AppError } from "../errors/app-error.ts";

export type IdempotencyRequest = { scope: string; key: string; requestHash: string };

/** Reads the `Idempotency-Key` header of a request; `scope` keeps one caller's keys apart from another's. */
export function idempotencyOf(request: FastifyRequest, scope: string): IdempotencyRequest | null {
  const header = request.headers["idempotency-key"];
  if (header === undefined) return null;
  if (typeof header !== "string" || !/^[\w.:-]{8,128}$/.test(header)) {
    throw new AppError(
      "IDEMPOTENCY_KEY_INVALID",
      "Idempotency-Key must be 8-128 letters, digits, dot, colon, dash",
    );
  }
  const requestHash = createHash("sha256")
    .update(
      `${request.method} ${request.routeOptions.url}\n${JSON.stringify(request.params)}\n${JSON.stringify(request.body ?? null)}`,
    )
    .digest("hex");
  return { scope, key: header, requestHash };
}

/**
 * Runs `work` once per key inside the caller's transaction. Returns the stored result on a repeat.
 * `work` failing rolls the key back with everything else, so a failed request may be retried. `work` that
 * stored its answer itself (storeAnswerSql) says `stored: true`.
 */
export async function runIdempotent<T>(
  tx: Tx,
  idempotency: IdempotencyRequest | null,
  work: () => Promise<{ status: number; body: T; stored?: boolean }>,
): Promise<{ status: number; body: T; replayed: boolean }> {
  if (!idempotency) {
    const { stored: _, ...result } = await work();
    return { ...result, replayed: false };
  }
  const { scope, key, requestHash } = idempotency;
  const claimed = await runStatement(
    tx,
    `insert into idempotency_keys (scope, key, request_hash, status_code, response_body)
     values ($1, $2, $3, 0, '{}') on conflict do nothing returning key`,
    [scope, key, requestHash],
  );
  if (claimed.length === 0) {
    const [stored] = await tx
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
    if (!stored || stored.requestHash !== requestHash) {
      throw new AppError("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used with a different request");
    }
    return { status: stored.statusCode, body: stored.responseBody as T, replayed: true };
  }
  const { stored, ...result } = await work();
  if (!stored) await runStatement(tx, STORE_ANSWER, [result.status, JSON.stringify(result.body), scope, key]);
  return { ...result, replayed: false };
}

/**
 * The answer's update: `$1` status, `$2` body as JSON text, `$3` scope, `$4` key (the parameters are
 * renumbered with `from`). A use case that ends in one statement of its own may run it there, as a CTE, and
 * return `stored: true` from its work (orders/repo.ts writePlacing): one round trip fewer. A null scope
 * updates nothing.
 */
export function storeAnswerSql(from = 1): string {
  const p = (i: number) => `$${from + i}`;
  return `update idempotency_keys set status_code = ${p(0)}::int, response_body = ${p(1)}::text::jsonb
     where scope = ${p(2)}::text and key = ${p(3)}::text`;
}

const STORE_ANSWER = storeAnswerSql();

/** storeAnswerSql's parameters for this request's answer (all null without a key: nothing is stored). */
export function storeAnswerParams(
  idempotency: IdempotencyRequest | null,
  answer: { status: number; body: unknown },
): [number | null, string | null, string | null, string | null] {
  if (!idempotency) return [null, null, null, null];
  return [answer.status, JSON.stringify(answer.body), idempotency.scope, idempotency.key];
}
