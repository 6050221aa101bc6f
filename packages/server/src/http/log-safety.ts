// What the server log may hold: never SQL parameters, request bodies or query strings, and never the
// personal or secret fields below wherever a log call passes them. Applied to every logger buildApp makes.
import type { FastifyServerOptions } from "fastify";
import { findDatabaseError } from "../db/errors.ts";

/** Field names that carry secrets or personal data (phone, id number, bank account, openid, names, addresses). */
const SENSITIVE_KEYS = [
  "password",
  "passwordHash",
  "hash",
  "token",
  "accessToken",
  "refreshToken",
  "secret",
  "apiV3Key",
  "privateKey",
  "privateKeyPem",
  "phone",
  "mobile",
  "idNumber",
  "idCard",
  "account",
  "accountNo",
  "accountNumber",
  "bankCard",
  "openid",
  "openId",
  "unionid",
  "realName",
  "name",
  "address",
  "detail",
  "params",
];

/** pino redaction paths: each key at the top level and up to two levels down, plus auth headers and cookies. */
export const REDACT_PATHS = [
  ...SENSITIVE_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
  'req.headers["authorization"]',
  'req.headers["cookie"]',
  'res.headers["set-cookie"]',
];

type LoggedError = Record<string, unknown>;

/**
 * An error as the log keeps it. A database error keeps its SQLSTATE, constraint, table, column and the
 * statement text, but not its message or detail (PostgreSQL quotes the offending value there, e.g.
 * "Key (phone)=(139…) already exists") and not Drizzle's message, which lists every bound parameter.
 */
export function loggableError(error: unknown): LoggedError {
  if (!(error instanceof Error)) return { type: typeof error };
  const database = findDatabaseError(error);
  if (database) {
    const query = (error as { query?: unknown }).query;
    return {
      type: error.name,
      message: "database error",
      sqlState: database.code,
      constraint: database.constraint,
      table: database.table,
      column: database.column,
      routine: database.routine,
      ...(typeof query === "string" ? { query } : {}),
      stack: stackFrames(error),
    };
  }
  // Any other error raised by a failed query (a lost connection) still carries the parameters in its message.
  const message = error.message.includes("\nparams: ") ? error.message.split("\nparams: ")[0] : error.message;
  return {
    type: error.name,
    message,
    code: (error as { code?: unknown }).code,
    stack: stackFrames(error),
    ...(error.cause ? { cause: loggableError(error.cause) } : {}),
  };
}

/** The "at …" frames of a stack only: its first lines repeat the message, parameters and all. */
function stackFrames(error: Error): string | undefined {
  return error.stack
    ?.split("\n")
    .filter((line) => line.trimStart().startsWith("at "))
    .join("\n");
}

/** The request as logged: method and path, never the query string (search words, pay-link signatures). */
function loggableRequest(request: { method: string; url: string; id?: unknown; ip?: string }) {
  return { method: request.method, url: request.url.split("?")[0], id: request.id };
}

/** Adds redaction and the safe serializers to whatever logger options the caller gave. */
export function safeLoggerOptions(logger: FastifyServerOptions["logger"]): FastifyServerOptions["logger"] {
  if (!logger) return false;
  const given = logger === true ? {} : logger;
  return {
    ...given,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    // pino types `err` as returning its own shape (type, message, stack); ours is deliberately narrower.
    serializers: { err: loggableError, error: loggableError, req: loggableRequest } as never,
  };
}

type PinoLike = {
  level: string;
  isLevelEnabled(level: string): boolean;
  child(bindings: Record<string, unknown>, options?: object): PinoLike;
} & Record<"fatal" | "error" | "warn" | "info" | "debug" | "trace", (...args: unknown[]) => void>;

/**
 * A request's logger that makes pino's child (with the request id) only when a line is written: every request
 * got one before, and at the default level almost none writes a line. Lines written say the same.
 */
class LazyRequestLogger {
  #parent: PinoLike;
  #bindings: Record<string, unknown>;
  #child: PinoLike | null = null;
  constructor(parent: PinoLike, bindings: Record<string, unknown>) {
    this.#parent = parent;
    this.#bindings = bindings;
  }
  #real(): PinoLike {
    this.#child ??= this.#parent.child(this.#bindings);
    return this.#child;
  }
  get level(): string {
    return (this.#child ?? this.#parent).level;
  }
  set level(level: string) {
    this.#real().level = level;
  }
  isLevelEnabled(level: string): boolean {
    return (this.#child ?? this.#parent).isLevelEnabled(level);
  }
  child(bindings: Record<string, unknown>, options?: object): PinoLike {
    return this.#real().child(bindings, options);
  }
  fatal(...args: unknown[]) {
    if (this.isLevelEnabled("fatal")) this.#real().fatal(...args);
  }
  error(...args: unknown[]) {
    if (this.isLevelEnabled("error")) this.#real().error(...args);
  }
  warn(...args: unknown[]) {
    if (this.isLevelEnabled("warn")) this.#real().warn(...args);
  }
  info(...args: unknown[]) {
    if (this.isLevelEnabled("info")) this.#real().info(...args);
  }
  debug(...args: unknown[]) {
    if (this.isLevelEnabled("debug")) this.#real().debug(...args);
  }
  trace(...args: unknown[]) {
    if (this.isLevelEnabled("trace")) this.#real().trace(...args);
  }
  silent() {}
}

/** Fastify's childLoggerFactory: a lazy child for pino (see LazyRequestLogger), the usual child otherwise. */
export function lazyChildLogger(
  logger: unknown,
  bindings: Record<string, unknown>,
  options: object,
): unknown {
  const parent = logger as PinoLike;
  if (typeof parent.isLevelEnabled !== "function" || Object.keys(options).length > 0)
    return parent.child(bindings, options);
  return new LazyRequestLogger(parent, bindings);
}
