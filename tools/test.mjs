// `npm test`: everything CI checks, arranged to keep both cores of the 2-core CI machine busy.
// The unit and server suites run from the start; lint, typecheck and the apps' build run beside them (their
// output is held and printed whole when they finish, so the two logs do not interleave); the browser tests
// start once the build and the suites are done (they time screens and would starve beside the suites).
// Exits non-zero if any step failed; a failed step does not stop the others, so one run shows every failure.
import { spawn } from "node:child_process";

const started = Date.now();
const seconds = () => `${Math.round((Date.now() - started) / 1000)} s`;

/** Runs `npm run <script>`; `held` keeps its output until it ends. Resolves to whether it passed. */
function run(script, { held = false } = {}) {
  return new Promise((resolve) => {
    console.log(`== ${script} (started at ${seconds()})`);
    const child = spawn("npm", ["run", script], { stdio: held ? ["ignore", "pipe", "pipe"] : "inherit" });
    let output = "";
    if (held) {
      child.stdout.on("data", (chunk) => {
        output += chunk;
      });
      child.stderr.on("data", (chunk) => {
        output += chunk;
      });
    }
    child.on("close", (code) => {
      if (held) process.stdout.write(`== ${script} output\n${output}`);
      console.log(`== ${script} ${code === 0 ? "passed" : `FAILED (exit ${code})`} at ${seconds()}`);
      resolve(code === 0);
    });
  });
}

async function checkAndBuild() {
  const lint = await run("lint", { held: true });
  const typecheck = await run("typecheck", { held: true });
  return { checked: lint && typecheck, built: await run("build", { held: true }) };
}

const [unit, { checked, built }] = await Promise.all([run("test:unit"), checkAndBuild()]);
// The browser tests need the built apps only; a failed suite or lint is a separate failure.
const browser = built && (await run("test:e2e:built"));
const passed = unit && checked && browser;
console.log(`== npm test ${passed ? "passed" : "FAILED"} in ${seconds()}`);
process.exit(passed ? 0 : 1);
