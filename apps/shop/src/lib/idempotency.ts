// One Idempotency-Key per intended action: a retried tap replays the first answer instead of acting twice.
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
