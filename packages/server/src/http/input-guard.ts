// One guard over every value a route schema parses (body, query, params, headers): text with control
// characters, and JSON nested deeper than any of our contracts, are refused with 422 before zod sees them.
//
// Why a guard in the validator compiler rather than only a shared zod string type: a NUL byte reaches
// PostgreSQL from any string field someone forgets to type (it failed on 23 routes as a 500), and a guard
// here covers every route registered with a schema, future ones included, with nothing to remember.
// Field-specific rules (one-line names, no bidi overrides) stay in zod: see `singleLine` in input-types.ts.
// Payment notifications carry no schema (their raw bytes are signed) and answer with their own ack.
import type { FastifySchemaCompiler } from "fastify";
import { validatorCompiler } from "fastify-type-provider-zod";
import { AppError } from "../errors/app-error.ts";

/**
 * C0 controls except tab, line feed and carriage return (multi-line text is legitimate in remarks and
 * descriptions), DEL and the C1 controls. U+0000 is the one PostgreSQL cannot store in text at all.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this regex's job.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Deeper than any request contract nests; deeper input is someone probing the parser, not a shopper. */
export const MAX_INPUT_DEPTH = 32;

type Finding = { path: string; kind: "control" | "depth" };

/** The first string (or object key) with a control character, or the first value nested too deep. */
export function findRefusedInput(value: unknown): Finding | null {
  // Every request passes through here and nearly all are clean: a walk that builds no paths says so, and
  // only a refusal is walked again to name where.
  return isClean(value) ? null : locateRefusedInput(value);
}

function isClean(value: unknown): boolean {
  if (typeof value === "string") return !CONTROL.test(value);
  if (typeof value !== "object" || value === null) return true;
  // Iterative: a recursive walk would overflow on the deeply nested JSON a prober sends.
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const item = values.pop() as object;
    const depth = depths.pop()!;
    if (depth >= MAX_INPUT_DEPTH) return false;
    const isArray = Array.isArray(item);
    const keys = isArray ? null : Object.keys(item);
    const count = isArray ? item.length : keys!.length;
    for (let i = 0; i < count; i++) {
      let child: unknown;
      if (isArray) child = item[i];
      else {
        const key = keys![i]!;
        if (CONTROL.test(key)) return false;
        child = (item as Record<string, unknown>)[key];
      }
      if (typeof child === "string") {
        if (CONTROL.test(child)) return false;
      } else if (typeof child === "object" && child !== null) {
        values.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return true;
}

function locateRefusedInput(value: unknown): Finding | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: "", depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value === "string") {
      if (CONTROL.test(item.value)) return { path: item.path, kind: "control" };
      continue;
    }
    if (typeof item.value !== "object" || item.value === null) continue;
    if (item.depth >= MAX_INPUT_DEPTH) return { path: item.path, kind: "depth" };
    for (const [key, child] of Object.entries(item.value)) {
      const path = `${item.path}.${key}`;
      if (CONTROL.test(key)) return { path, kind: "control" };
      stack.push({ value: child, path, depth: item.depth + 1 });
    }
  }
  return null;
}

/** fastify-type-provider-zod's validator, with the guard run first on the raw value. */
export const guardedValidatorCompiler: FastifySchemaCompiler<unknown> = (route) => {
  const validate = validatorCompiler(route as Parameters<typeof validatorCompiler>[0]);
  const part = route.httpPart ?? "body";
  return (data) => {
    const found = findRefusedInput(data);
    if (!found) return validate(data);
    const path = `${part}${found.path}`;
    return {
      error:
        found.kind === "control"
          ? new AppError("TEXT_CONTROL_CHARACTER", "Text may not contain control characters", { path })
          : new AppError("VALIDATION_FAILED", `Input nested deeper than ${MAX_INPUT_DEPTH} levels`, {
              issues: [{ path, message: "nested too deep" }],
            }),
    };
  };
};
