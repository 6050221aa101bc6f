// HTTP contract of tracking: the shop's small batches of page views and share presses.
import { z } from "zod";

export const MAX_EVENTS_PER_BATCH = 50;

export const ClientEventsBody = z.strictObject({
  /** The code the visitor arrived with and still carries (the shop keeps it until sign-up). */
  ref: z
    .string()
    .trim()
    .min(4)
    .max(16)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional(),
  /** A random id the shop keeps per device, so anonymous visitors count once a day. */
  visitorKey: z
    .string()
    .trim()
    .min(8)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional(),
  events: z
    .array(
      z.strictObject({
        kind: z.enum(["page_view", "share"]),
        productId: z.number().int().positive().optional(),
        /** Where: for a view the page ("product", "home", "storefront"); for a share the channel. */
        source: z
          .string()
          .trim()
          .max(32)
          .regex(/^[a-z_]*$/)
          .optional(),
      }),
    )
    .min(1)
    .max(MAX_EVENTS_PER_BATCH),
});

export const ClientEventsResponse = z.strictObject({ accepted: z.number() });
