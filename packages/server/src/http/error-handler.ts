// Turns every failure into `{ error: { code, message, details } }` with the status from the code table.
// A database refusal that input checks did not catch is mapped by its SQLSTATE class as a last line, so no
// database error is a bare 500. Anything else unexpected is a 500 with a generic body; the error goes to
// the log (through log-safety.ts: no SQL parameters, no values) with the request id.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { type DatabaseErrorFields, findDatabaseError } from "../db/errors.ts";
import { AppError } from "../errors/app-error.ts";
import { type ErrorCode, isErrorCode } from "../errors/error-codes.ts";
import type { ErrorResponse } from "./error-response.ts";
import { errorStatus } from "./error-status.ts";

function body(code: ErrorResponse["error"]["code"], message: string, details: Record<string, unknown> = {}) {
  return { error: { code, message, details } } satisfies ErrorResponse;
}

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: "MALFORMED_JSON",
  FST_ERR_CTP_EMPTY_JSON_BODY: "MALFORMED_JSON",
  FST_ERR_CTP_BODY_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "MALFORMED_JSON",
};

/** Answers a request no route matched, or returns null to fall through to the 404 body (e.g. an SPA page). */
/** The error code a zod issue asks for (input-types.ts `issueCode`), else null. */
function issueCodeOf(validation: Array<{ params?: unknown }>): ErrorCode | null {
  for (const issue of validation) {
    const code = (issue.params as { params?: { code?: unknown } } | undefined)?.params?.code;
    if (isErrorCode(code)) return code;
  }
  return null;
}

/** The answer to a database refusal by its SQLSTATE, or null for a fault that really is ours. */
export function databaseRefusal(db: DatabaseErrorFields): { code: ErrorCode; message: string } | null {
  const state = db.code;
  if (state.startsWith("22") || state === "23502" || state === "23514" || state.startsWith("54"))
    return { code: "DATABASE_VALUE_INVALID", message: "A value is out of range or not allowed" };
  if (state === "23503")
    // The detail (never logged) tells a missing parent from a row still in use by others.
    return (db.detail ?? "").includes("still referenced")
      ? { code: "STILL_REFERENCED", message: "Other records still refer to this one" }
      : { code: "REFERENCE_NOT_FOUND", message: "A record this refers to does not exist" };
  if (state === "23505" || state === "23P01")
    return { code: "ALREADY_EXISTS", message: "A record with these values already exists" };
  if (["40001", "40P01", "55P03", "53300", "57P03"].includes(state) || state.startsWith("08"))
    return { code: "SERVICE_BUSY", message: "The shop is busy; try again in a moment" };
  return null;
}

/**
 * Errors the router raises before any route runs (a path that is not valid percent-encoding, a path segment
 * longer than the router allows): fastify hands them here instead of to the error handler.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const code: ErrorCode = error.code === "FST_ERR_MAX_PARAM_LENGTH" ? "URL_TOO_LONG" : "MALFORMED_URL";
  void reply.status(errorStatus[code]).send(body(code, "The address of this request is not valid"));
}

export type NotFoundFallback = (request: FastifyRequest, reply: FastifyReply) => FastifyReply | null;

export function installErrorHandling(app: FastifyInstance, fallback?: NotFoundFallback): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      // Refusals that say when to come back (rate limits, throttled logins) say it in the header too.
      const wait = error.details.retryAfterSeconds;
      if (typeof wait === "number") reply.header("retry-after", String(wait));
      return reply.status(errorStatus[error.code]).send(body(error.code, error.message, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const asked = issueCodeOf(error.validation);
      const issues = error.validation.map((v) => ({
        path: `${error.validationContext ?? "body"}${v.instancePath.replaceAll("/", ".")}`,
        message: v.message ?? "invalid",
      }));
      if (asked) return reply.status(errorStatus[asked]).send(body(asked, issues[0]!.message, { issues }));
      return reply
        .status(422)
        .send(body("VALIDATION_FAILED", "The request does not match the expected shape", { issues }));
    }
    const database = findDatabaseError(error);
    const refusal = database ? databaseRefusal(database) : null;
    if (database && refusal) {
      request.log.warn({ err: error }, "database refused the request");
      if (refusal.code === "SERVICE_BUSY") reply.header("retry-after", "1");
      return reply
        .status(errorStatus[refusal.code])
        .send(
          body(refusal.code, refusal.message, database.constraint ? { constraint: database.constraint } : {}),
        );
    }
    const mapped = error.code ? fastifyCodes[error.code] : undefined;
    if (mapped) return reply.status(errorStatus[mapped]).send(body(mapped, error.message));
    if (error.statusCode === 429) return reply.status(429).send(body("RATE_LIMITED", "Too many requests"));
    if (error instanceof SyntaxError && error.statusCode === 400) {
      return reply.status(400).send(body("MALFORMED_JSON", "The body is not valid JSON"));
    }
    if (isResponseSerializationError(error))
      request.log.error({ err: error }, "response did not match its schema");
    else request.log.error({ err: error }, "unhandled error");
    return reply
      .status(500)
      .send(body("INTERNAL", "Something went wrong on our side", { requestId: request.id }));
  });

  app.setNotFoundHandler(
    (request, reply) =>
      fallback?.(request, reply) ??
      reply
        .status(404)
        .send(body("NOT_FOUND", `No route for ${request.method} ${request.url.split("?")[0]}`)),
  );
}
