// Turns a route's JSON schema (as /api/openapi.json publishes it) into a fast-check arbitrary of values that
// mostly fit it: the fuzz test starts from plausible input so it gets past the first check and into the
// handler, then hostile.ts breaks one piece of it.
import fc from "fast-check";

export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  $ref?: string;
  additionalProperties?: boolean | JsonSchema;
};

/** Small positive integers come up often: they are the ids of rows that exist in the fuzz shop. */
const likelyIds = fc.integer({ min: 1, max: 6 });

export function arbitraryOf(
  schema: JsonSchema | undefined,
  resolve: (ref: string) => JsonSchema,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.constant(null);
  if (schema.$ref) return arbitraryOf(resolve(schema.$ref), resolve, depth + 1);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices?.length) return fc.oneof(...choices.map((s) => arbitraryOf(s, resolve, depth + 1)));
  if (schema.allOf?.length) return arbitraryOf(schema.allOf[0], resolve, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      return stringOf(schema);
    case "integer":
    case "number":
      return numberOf(schema, type === "integer");
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const min = schema.minItems ?? 0;
      const max = Math.max(min, Math.min(schema.maxItems ?? 4, 4));
      return fc.array(arbitraryOf(schema.items, resolve, depth + 1), { minLength: min, maxLength: max });
    }
    case "object":
      return objectOf(schema, resolve, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringOf(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.format === "date-time") return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.pattern) {
    try {
      const min = schema.minLength ?? 0;
      const max = schema.maxLength ?? 200;
      return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= min && s.length <= max);
    } catch {
      // A pattern fast-check cannot invert: fall through to plain text.
    }
  }
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 40, 40));
  return fc.oneof(fc.string({ minLength, maxLength, unit: "grapheme" }), fc.string({ minLength, maxLength }));
}

function numberOf(schema: JsonSchema, integer: boolean): fc.Arbitrary<unknown> {
  let min = schema.minimum ?? -1_000_000;
  let max = schema.maximum ?? 1_000_000_000;
  if (schema.exclusiveMinimum === true) min += integer ? 1 : Number.EPSILON;
  else if (typeof schema.exclusiveMinimum === "number") min = schema.exclusiveMinimum + (integer ? 1 : 0);
  if (schema.exclusiveMaximum === true) max -= integer ? 1 : Number.EPSILON;
  else if (typeof schema.exclusiveMaximum === "number") max = schema.exclusiveMaximum - (integer ? 1 : 0);
  if (max < min) return fc.constant(min);
  const any = integer
    ? fc.integer({ min: Math.max(min, Number.MIN_SAFE_INTEGER), max: Math.min(max, Number.MAX_SAFE_INTEGER) })
    : fc.double({ min, max, noNaN: true });
  return min <= 1 && max >= 6 ? fc.oneof(likelyIds, any) : any;
}

function objectOf(schema: JsonSchema, resolve: (ref: string) => JsonSchema, depth: number) {
  const properties = schema.properties ?? {};
  const keys = Object.keys(properties);
  if (keys.length === 0)
    return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
  const model = Object.fromEntries(
    keys.map((key) => [key, arbitraryOf(properties[key], resolve, depth + 1)]),
  );
  return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in model) });
}
