// The reveal contract: staff name one record and get its phone numbers in full, once, audited.
import { z } from "zod";

export const RevealSubject = z.enum(["user", "order", "distributor_application"]);
export type RevealSubject = z.infer<typeof RevealSubject>;

export const RevealBody = z.strictObject({
  subject: RevealSubject,
  id: z.number().int().positive(),
});

/** `phone` is the record's own number (login, recipient or the form's); `accountPhone` the customer's login phone. */
export const RevealResponse = z.strictObject({
  subject: RevealSubject,
  id: z.number(),
  phone: z.string().nullable(),
  accountPhone: z.string().nullable(),
});
