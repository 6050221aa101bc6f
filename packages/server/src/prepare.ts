// What one process does once for the whole shop before serving: create the owner on a fresh database
// and seed the demo. A cluster primary runs it before forking, so workers never race to do it twice.
import type { AppDeps } from "./deps.ts";
import { generatePassword } from "./lib/password.ts";
import { ensureOwner } from "./modules/staff/service.ts";
import { seedDemo } from "./seed/demo.ts";

export async function prepareShop(deps: Pick<AppDeps, "config" | "db" | "now">) {
  const owner = await ensureOwner(deps, {
    username: deps.config.ownerUsername,
    password: deps.config.ownerPassword,
    generatePassword: () => generatePassword(),
  });
  if (owner.created && deps.config.seedDemo) await seedDemo(deps.db, deps.now());
  return owner;
}
