// Picks the parcel-query service: 快递100 when its customer id and key are configured, else the sandbox.
import type { ParcelCarrier } from "./carrier.ts";
import { createKuaidi100, type Kuaidi100Config } from "./kuaidi100.ts";
import { createSandboxCarrier } from "./sandbox.ts";

export function createParcelCarrier(
  config: Kuaidi100Config | undefined,
  options: { now: () => Date; sandboxStepMs: number },
): ParcelCarrier {
  if (config) return createKuaidi100(config);
  return createSandboxCarrier({ now: options.now, stepMs: options.sandboxStepMs });
}

export type * from "./carrier.ts";
export { createKuaidi100, type Kuaidi100Config, kuaidi100Sign } from "./kuaidi100.ts";
export { createSandboxCarrier } from "./sandbox.ts";
