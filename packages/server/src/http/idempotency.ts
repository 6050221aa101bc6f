// Idempotency-Key for requests that move money: the first request's response is stored in the same
// transaction as its effects; a repeat with the same key and body replays it; a different body is refused.
// Concurrent repeats wait on the key's row and then replay, so the work happens exactly once.
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import type { Executor, Tx } from "../db/client.ts";
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
 * `work` failing rolls the key back with everything else, so a failed request may be retried.
 */
export async function runIdempotent<T>(
  tx: Tx,
  idempotency: IdempotencyRequest | null,
  work: () => Promise<{ status: number; body: T }>,
): Promise<{ status: number; body: T; replayed: boolean }> {
  if (!idempotency) return { ...(await work()), replayed: false };
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
    if (!stored || stored.requestHash !== requestHash) throw keyReused();
    return { status: stored.statusCode, body: stored.responseBody as T, replayed: true };
  }
  const result = await work();
  await runStatement(tx, STORE_ANSWER, [result.status, JSON.stringify(result.body), scope, key]);
  return { ...result, replayed: false };
}

const keyReused = () =>
  new AppError("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used with a different request");

const STORE_ANSWER = `update idempotency_keys set status_code = $1::int, response_body = $2::text::jsonb
  where scope = $3::text and key = $4::text`;

/**
 * The other way to keep a key, for a use case that ends in one statement of its own (POST /orders): the
 * key is not claimed first but written with the answer, as a CTE of that statement (`$from`… : status,
 * body as JSON text, scope, key, request hash; all null: no key). A key already there makes the statement
 * raise IDEMPOTENCY_KEY_REUSED (`keyTakenSql`), so the work is rolled back, and the caller answers with
 * `answerOfTakenKey` outside the transaction. One statement fewer than claiming first; a repeat does the
 * work and throws it away, and a repeat of a request that was answered while the first still runs waits
 * on the key's row, as with a claim. `after`: a CTE the insert must follow (the row locks the statement
 * takes first: two repeats then wait on those in one order and never on each other's key).
 */
export function writeKeySql(from: number, after: string): string {
  const p = (i: number) => `$${from + i}`;
  return `insert into idempotency_keys (scope, key, request_hash, status_code, response_body)
     select ${p(2)}::text, ${p(3)}::text, ${p(4)}::text, ${p(0)}::int, ${p(1)}::text::jsonb
     where ${p(2)}::text is not null and (select count(*) from ${after}) >= 0
     on conflict do nothing returning key`;
}

/** The statement's last line: raises when a key was given and `written` (the writeKeySql CTE) wrote none. */
export function keyTakenSql(from: number, written: string): string {
  return `select app_refuse('IDEMPOTENCY_KEY_REUSED', '{}'::jsonb)
     where $${from + 2}::text is not null and not exists (select 1 from ${written})`;
}

/** writeKeySql's parameters for this request's answer (all null without a key). */
export function writeKeyParams(
  idempotency: IdempotencyRequest | null,
  answer: { status: number; body: unknown },
): [number | null, string | null, string | null, string | null, string | null] {
  if (!idempotency) return [null, null, null, null, null];
  const { scope, key, requestHash } = idempotency;
  return [answer.status, JSON.stringify(answer.body), scope, key, requestHash];
}

/**
 * After a use case that writes its key with its answer failed: the answer stored under the key (a repeat
 * of an answered request, however its work went this time), or the failure itself when the key is free
 * (nothing was answered; the request may be retried). A different request under the key: 422.
 */
export async function answerOfTakenKey<T>(
  db: Executor,
  idempotency: IdempotencyRequest | null,
  failure: unknown,
): Promise<{ status: number; body: T }> {
  if (!idempotency) throw failure;
  const [stored] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, idempotency.scope), eq(idempotencyKeys.key, idempotency.key)));
  if (!stored) throw failure;
  if (stored.requestHash !== idempotency.requestHash) throw keyReused();
  return { status: stored.statusCode, body: stored.responseBody as T };
}
