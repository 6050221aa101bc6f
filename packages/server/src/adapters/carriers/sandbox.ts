// The demo's parcel service: every parcel advances one step of a made-up route per `stepMs` since it was
// shipped, and ends signed for. Used when no 快递100 account is configured.
import { sandboxRoute } from "@liebian/domain";
import type { ParcelCarrier } from "./carrier.ts";

export function createSandboxCarrier(options: { now: () => Date; stepMs: number }): ParcelCarrier {
  return {
    name: "sandbox",
    async query(parcel) {
      return sandboxRoute(parcel.shippedAt.getTime(), options.now().getTime(), options.stepMs);
    },
  };
}
