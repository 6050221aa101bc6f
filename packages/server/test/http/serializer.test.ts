// Hot routes' responses are written by fast-json-stringify from their zod schema (http/serializer.ts): the
// JSON must be what zod's encode + JSON.stringify wrote, undeclared keys still dropped.
import { serializerCompiler as zodSerializerCompiler } from "fastify-type-provider-zod";
import { expect, test } from "vitest";
import { z } from "zod";
import { fastSerialized, serializerCompiler } from "../../src/http/serializer.ts";

const Line = z.object({ skuId: z.number(), title: z.string(), at: z.date() });
const Reply = z.object({
  id: z.number(),
  status: z.enum(["a", "b"]),
  note: z.string().nullable(),
  optional: z.string().optional(),
  when: z.date().nullable(),
  nested: z.object({ code: z.string(), redeemedAt: z.date().nullable() }).nullable(),
  lines: z.array(Line),
  kind: z.union([
    z.object({ kind: z.literal("paid"), orderNo: z.string() }),
    z.object({ kind: z.literal("redirect"), url: z.string() }),
  ]),
  tags: z.record(z.string(), z.string()),
});
fastSerialized.add(Reply);

const route = (schema: z.ZodType) => ({ schema, method: "GET", url: "/x", httpStatus: "200" }) as never;
const fast = serializerCompiler(route(Reply));
const zod = zodSerializerCompiler(route(Reply)) as (data: unknown) => string;

test.each([
  {
    id: 1,
    status: "a",
    note: null,
    when: new Date("2026-12-04T01:02:03.456Z"),
    nested: { code: "x1", redeemedAt: null, secret: "dropped" },
    lines: [{ skuId: 3, title: '杯子 "蓝"\n', at: new Date(0), costFen: 5 }],
    kind: { kind: "redirect", url: "/pay?x=1", internal: true },
    tags: { a: "b" },
    passwordHash: "never written",
  },
  {
    id: 2,
    status: "b",
    note: "n",
    optional: "o",
    when: null,
    nested: null,
    lines: [],
    kind: { kind: "paid", orderNo: "2026" },
    tags: {},
  },
])("writes what zod wrote, without undeclared keys (%#)", (value) => {
  const written = fast(value);
  // the same JSON value (an optional key may come in another place)
  expect(JSON.parse(written)).toEqual(JSON.parse(zod(value)));
  expect(written).not.toContain("dropped");
  expect(written).not.toContain("passwordHash");
  expect(written).not.toContain("costFen");
});

test("a schema not in the registry is still parsed by zod: a mismatch is refused", () => {
  const plain = z.object({ n: z.number() });
  const write = serializerCompiler(route(plain));
  expect(write({ n: 1, x: 2 })).toBe('{"n":1}');
  expect(() => write({ n: "1" })).toThrow();
});
