// What the shop asks a parcel-query service: the route of one parcel, answered as a route, "nothing yet",
// or a failure with its reason (timeout, malformed answer, refused). Never throws.
import type { CarrierAnswer } from "@liebian/domain";

export type ParcelQuery = {
  carrierCode: string;
  trackingNo: string;
  /** The recipient's phone: 顺丰 asks for it (its last four digits) before it tells the route. */
  phone?: string | undefined;
  shippedAt: Date;
};

export type ParcelCarrier = {
  readonly name: string;
  query(parcel: ParcelQuery): Promise<CarrierAnswer>;
};
