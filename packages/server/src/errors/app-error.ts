// The one error type a use case throws for an expected refusal; the HTTP layer maps its code to a status.
import type { ErrorCode } from "./error-codes.ts";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export function notFound(what: string, details: Record<string, unknown> = {}): AppError {
  return new AppError("NOT_FOUND", `${what} not found`, details);
}
