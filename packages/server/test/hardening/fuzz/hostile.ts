// The hostile list, and one way to put a hostile value into an otherwise plausible request: replace
// one leaf (or the whole value) with it. Some values cannot be written as JSON (NaN, 1e309, nesting deeper
// than JSON.stringify likes), so they travel as raw text spliced in where a marker string stands.
/** Picks whole numbers in [min, max]; the fuzz test passes a seeded generator so a failure can be replayed. */
export type Rng = { nextInt(min: number, max: number): number };

export type Raw = { raw: string };
const raw = (text: string): Raw => ({ raw: text });

const MEGABYTE = "字".repeat(350_000); // about 1 MB of UTF-8: over the body limit, refused with 413
const NEAR_MEGABYTE = "x".repeat(900_000); // under the limit: parsed, then refused by the schema
const deepJson = `${"[".repeat(3000)}1${"]".repeat(3000)}`;

export const hostileValues: unknown[] = [
  "\u0000",
  "a\u0000b",
  "\u0007\u001b[31m",
  "\u007f",
  "\u0085\u009b",
  "\u202Egnp.exe",
  "\u2066x\u2069",
  "\u200f\u200e",
  "\ud800",
  MEGABYTE,
  NEAR_MEGABYTE,
  "",
  " ",
  "1e3",
  "0x10",
  "-0",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "' or 1=1 --",
  JSON.parse('{"__proto__":{"admin":true}}'),
  { constructor: { prototype: { admin: true } } },
  raw('{"__proto__":{"isAdmin":true}}'),
  raw(deepJson),
  raw("NaN"),
  raw("1e309"),
  raw("-1e309"),
  -1,
  0,
  0.5,
  12.905,
  2 ** 53,
  2 ** 53 + 2,
  2 ** 63,
  -(2 ** 63),
  1e21,
  true,
  null,
  [],
  {},
  [null],
];

/** Hostile values that can stand in a path segment or a query value. */
export const hostileTexts: string[] = [
  "%00",
  "a%00b",
  "%1B",
  "%7F",
  "%C2%85",
  "%E2%80%AE",
  "1e3",
  "0x10",
  "-1",
  "0",
  "1.5",
  "9007199254740993",
  "9223372036854775808",
  "NaN",
  "Infinity",
  "%20",
  "..%2F..",
  "%FF",
  "%ED%A0%80",
  "x".repeat(5000),
];

type Path = Array<string | number>;

function leaves(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (value && typeof value === "object")
    for (const [key, child] of Object.entries(value))
      leaves(child, [...path, Array.isArray(value) ? Number(key) : key], out);
  return out;
}

function replaceAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaceAt(v, rest, replacement) : v));
  const copy = { ...(value as Record<string, unknown>) };
  copy[head as string] = replaceAt(copy[head as string], rest, replacement);
  return copy;
}

/** `value` with one leaf (or a new key, or the whole of it) replaced by a hostile value. */
export function mutate(value: unknown, rng: Rng): unknown {
  const hostile = hostileValues[rng.nextInt(0, hostileValues.length - 1)];
  const spots = leaves(value);
  const spot = spots[rng.nextInt(0, spots.length - 1)]!;
  if (rng.nextInt(0, 5) === 0 && value && typeof value === "object" && !Array.isArray(value))
    return {
      ...(value as object),
      [["__proto__", "constructor", "prototype", "extra"][rng.nextInt(0, 3)]!]: hostile,
    };
  return replaceAt(value, spot, hostile);
}

/** JSON text for a value that may hold Raw pieces. */
export function toJsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v) => {
    if (v && typeof v === "object" && "raw" in v && Object.keys(v).length === 1) {
      raws.push((v as Raw).raw);
      return `\u0001RAW${raws.length - 1}\u0001`;
    }
    return v;
  });
  return (text ?? "null").replace(/"\\u0001RAW(\d+)\\u0001"/g, (_m, i: string) => raws[Number(i)]!);
}
