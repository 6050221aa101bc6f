// Dispatches `npm run bench -- <name>` to bench/src/<name>.ts, whose default export runs the benchmark.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const name = process.argv[2];
const here = path.dirname(fileURLToPath(import.meta.url));
const file = name && /^[a-z][a-z0-9-]*$/.test(name) ? path.join(here, `${name}.ts`) : null;
if (!file || !existsSync(file)) {
  console.error(
    "usage: npm run bench -- <checkout | checkout-statements | distribution-scale | service-delivery>",
  );
  process.exit(2);
}
const bench = (await import(pathToFileURL(file).href)) as { default: () => Promise<void> };
await bench.default();
