// Shared zod types for what every route reads: ids in paths and queries, single-line names, PATCH bodies.
// Each refusal is a 422; where the issue carries a `code` param the error handler answers with that code.
import { normalizeTrackingNo } from "@liebian/domain";
import { z } from "zod";
import type { ErrorCode } from "../errors/error-codes.ts";

/** A zod issue param the error handler turns into the response's error code (instead of VALIDATION_FAILED). */
export const issueCode = (code: ErrorCode) => ({ params: { code } });

/**
 * A number read from a path or query string as decimal digits only (JSON numbers pass as they are).
 * `z.coerce.number()` read `1e3` as 1000, `0x10` as 16 and `""` as 0; this reads them as bad input.
 * The OpenAPI type stays the inner number's, so the sdk keeps passing numbers.
 */
export function fromDigits<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    (value) => (typeof value === "string" && /^-?\d{1,15}$/.test(value) ? Number(value) : value),
    schema,
  );
}

/** A row id: a positive safe integer. */
export const Id = fromDigits(z.number().int().positive().max(Number.MAX_SAFE_INTEGER));

/** A tracking number as the carrier prints it: " sf 1234 5678" is taken as "SF12345678". */
export const TrackingNo = z.preprocess(
  (value) => (typeof value === "string" ? normalizeTrackingNo(value) : value),
  z.string().regex(/^[A-Z0-9-]{4,40}$/),
);

/** `/:id` path parameters. */
export const IdParams = z.strictObject({ id: Id });

// The line-breaking and tab controls the input guard lets through for multi-line text, and the bidi
// embedding/override/isolate controls that can make a name read differently from what it is ("Trojan Source").
const LINE_OR_DIRECTION_CONTROL = /[\t\n\r\u202A-\u202E\u2066-\u2069]/;

/**
 * One line of plain text (a name, a title, a nickname): trimmed, within bounds, without line breaks, tabs
 * or bidi overrides. The other control characters never get this far (input-guard.ts refuses them).
 */
export function singleLine(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((text) => !LINE_OR_DIRECTION_CONTROL.test(text), {
      message: "must be one line without tabs or text-direction controls",
      ...issueCode("TEXT_CONTROL_CHARACTER"),
    });
}

/** A PATCH body that must change something: `{}` is refused with NOTHING_TO_UPDATE instead of reaching the database. */
export function somethingToUpdate<T extends z.ZodObject>(schema: T) {
  return schema.refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: "give at least one field to change",
    ...issueCode("NOTHING_TO_UPDATE"),
  });
}
