// How a route's response is turned into JSON. By default fastify-type-provider-zod's: zod encodes the value
// against the route's response schema (unknown keys dropped, a mismatch is a 500) and JSON.stringify writes it.
// That is a full parse of our own output on every response — on the checkout's three routes 5% of the server's
// CPU, zod's generic object code running megamorphic over every shape the app has. A response schema added
// to `fastSerialized` is instead written by fast-json-stringify from the schema's JSON Schema, code generated
// once per schema: it writes only the declared keys (unknown ones are still dropped), dates as ISO strings,
// and does not check values against the schema. Use it for hot routes whose output the use case builds itself.
import fastJson from "fast-json-stringify";
import type { FastifySerializerCompiler } from "fastify";
import { serializerCompiler as zodSerializerCompiler } from "fastify-type-provider-zod";
import { z } from "zod";

/** Response schemas written by generated code instead of being parsed by zod (see above). */
export const fastSerialized = z.registry();

type JsonSchema = Record<string, unknown>;

/**
 * The schema as fast-json-stringify takes it: zod's output JSON Schema, dates as date-time strings, and no
 * `additionalProperties: false` (fast-json-stringify drops undeclared keys anyway; with it, a union branch
 * would not match a value that carries one, and the value could not be written).
 */
export function serializableJsonSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, {
    io: "output",
    unrepresentable: "any",
    override: (ctx) => {
      if ((ctx.zodSchema as { _zod: { def: { type: string } } })._zod.def.type === "date") {
        ctx.jsonSchema.type = "string";
        ctx.jsonSchema.format = "date-time";
      }
    },
  }) as JsonSchema;
  const strip = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) strip(item);
    else if (value !== null && typeof value === "object") {
      const node = value as JsonSchema;
      if (node.additionalProperties === false) delete node.additionalProperties;
      for (const child of Object.values(node)) strip(child);
    }
  };
  strip(json);
  return json;
}

export const serializerCompiler: FastifySerializerCompiler<z.ZodType> = (route) => {
  const schema = route.schema as z.ZodType;
  if (!fastSerialized.has(schema)) return zodSerializerCompiler(route as never);
  return fastJson(serializableJsonSchema(schema) as never) as (data: unknown) => string;
};
