// Turns every failure into `{ error: { code, message, details } }` with the status from the code table.
// Anything unexpected is a 500 with a generic body; the real error goes to the log with the request id.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { AppError } from "./app-error.ts";
import { type ErrorCode, errorStatus } from "./error-codes.ts";

function body(code: ErrorCode | "INTERNAL", message: string, details: Record<string, unknown> = {}) {
  return { error: { code, message, details } };
}

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: "MALFORMED_JSON",
  FST_ERR_CTP_EMPTY_JSON_BODY: "MALFORMED_JSON",
  FST_ERR_CTP_BODY_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "MALFORMED_JSON",
};

/** Answers a request no route matched, or returns null to fall through to the 404 body (e.g. an SPA page). */
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
      const issues = error.validation.map((v) => ({
        path: `${error.validationContext ?? "body"}${v.instancePath.replaceAll("/", ".")}`,
        message: v.message ?? "invalid",
      }));
      return reply
        .status(422)
        .send(body("VALIDATION_FAILED", "The request does not match the expected shape", { issues }));
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
