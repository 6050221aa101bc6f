// The parcel-tracking contract: an order's parcels, each with its cached route.
import { z } from "zod";

export const ParcelTrack = z.object({
  shipmentId: z.number(),
  carrierCode: z.string().nullable(),
  trackingNo: z.string(),
  state: z.enum(["pending", "in_transit", "delivering", "signed", "problem", "returned"]),
  events: z.array(z.object({ at: z.string(), text: z.string() })),
  lastError: z.string().nullable(),
  checkedAt: z.date().nullable(),
  signedAt: z.date().nullable(),
});
export const ParcelTracksResponse = z.object({ items: z.array(ParcelTrack) });
