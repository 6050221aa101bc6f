// Asks the carrier about parcels still on the road whose refresh is due (PARCEL_REFRESH_MINUTES apart), at
// most 50 per run, longest-waiting first. Each is leased before the question, so a run elsewhere at the same
// time takes other parcels; a second run finds them not due.
import { refreshDueParcels } from "../modules/parcels/service.ts";
import type { Job } from "./job.ts";

export const refreshParcels: Job = {
  name: "refresh-parcels",
  everyMs: 60_000,
  run: (deps, now) => refreshDueParcels(deps, now),
};
