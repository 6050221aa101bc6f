// The booking-slot contract: staff add slots to a service product; shoppers see the places left, book one
// for a paid service order and cancel it under the slot's rule.
import { z } from "zod";

export const SlotBody = z.strictObject({
  productId: z.number().int().positive(),
  startsAt: z.coerce.date(),
  endsAt: z.coerce.date(),
  capacity: z.number().int().min(1).max(10_000),
  cancelBeforeHours: z.number().int().min(0).max(720).default(24),
});
export type SlotInput = z.output<typeof SlotBody>;

/** A slot's change: its time only while nobody holds a place, its places never below those taken. */
export const SlotEditBody = SlotBody.omit({ productId: true });
export type SlotEdit = z.output<typeof SlotEditBody>;

export const SlotResponse = z.object({
  id: z.number(),
  productId: z.number(),
  startsAt: z.date(),
  endsAt: z.date(),
  capacity: z.number(),
  booked: z.number(),
  left: z.number(),
  cancelBeforeHours: z.number(),
  status: z.enum(["active", "stopped"]),
});

export const ProductIdQuery = z.strictObject({ productId: z.coerce.number().int().positive() });
export const BookBody = z.strictObject({ slotId: z.number().int().positive() });

export const BookingResponse = z.object({
  id: z.number(),
  orderId: z.number(),
  status: z.enum(["booked", "cancelled"]),
  bookedAt: z.date(),
  slot: SlotResponse,
});

/** A booking as staff list it: the slot, the order and who booked (phone masked). */
export const AdminBookingResponse = z.object({
  id: z.number(),
  status: z.enum(["booked", "cancelled"]),
  bookedAt: z.date(),
  cancelledAt: z.date().nullable(),
  orderId: z.number(),
  orderNo: z.string(),
  orderStatus: z.string(),
  userId: z.number(),
  nickname: z.string(),
  phone: z.string().nullable(),
  slotId: z.number(),
  startsAt: z.date(),
  endsAt: z.date(),
});
