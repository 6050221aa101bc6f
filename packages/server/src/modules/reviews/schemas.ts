// The reviews contract: a buyer's review of a bought line, the product page's summary and list, and the
// staff moderation (reply, hide with a reason, show again).
import { z } from "zod";
import { reviewStatuses } from "../../db/schema/reviews.ts";
import { fromDigits, Id } from "../../http/input-types.ts";

export { IdParams } from "../../http/input-types.ts";

export const CreateReviewBody = z.strictObject({
  orderItemId: Id,
  rating: z.number().int().min(1).max(5),
  text: z.string().trim().max(500).default(""),
  photos: z.array(z.string().trim().min(1).max(500)).max(9).default([]),
});

export const ReviewView = z.object({
  id: z.number(),
  productId: z.number(),
  orderItemId: z.number(),
  rating: z.number(),
  body: z.string(),
  photos: z.array(z.string()),
  skuLabel: z.string(),
  /** The buyer's nickname, shortened (小*) on the public page. */
  author: z.string(),
  reply: z.string().nullable(),
  repliedAt: z.date().nullable(),
  createdAt: z.date(),
});
export const StaffReviewView = ReviewView.extend({
  status: z.enum(reviewStatuses),
  hiddenReason: z.string().nullable(),
  orderId: z.number(),
  productTitle: z.string(),
});

export const ProductReviewsQuery = z.strictObject({
  cursor: Id.optional(),
  limit: fromDigits(z.number().int().min(1).max(50).default(10)),
  withPhotos: z.enum(["true", "false"]).optional(),
});
export const ProductReviewsResponse = z.object({
  summary: z.object({
    count: z.number(),
    /** Mean stars to one decimal (0 with no reviews). */
    average: z.number(),
    withPhotos: z.number(),
    /** How many reviews gave 1…5 stars. */
    stars: z.array(z.number()),
  }),
  items: z.array(ReviewView),
  nextCursor: z.number().nullable(),
});

export const ReviewableLines = z.object({
  items: z.array(
    z.object({
      orderItemId: z.number(),
      productId: z.number(),
      title: z.string(),
      skuLabel: z.string(),
      imageUrl: z.string().nullable(),
      /** null: may be reviewed now; else why not. */
      refusal: z.enum(["NOT_RECEIVED", "REFUNDED", "ALREADY_REVIEWED"]).nullable(),
      reviewId: z.number().nullable(),
    }),
  ),
});

export const StaffReviewsQuery = z.strictObject({
  status: z.enum(reviewStatuses).optional(),
  cursor: Id.optional(),
  limit: fromDigits(z.number().int().min(1).max(100).default(20)),
});
export const StaffReviewPage = z.object({
  items: z.array(StaffReviewView),
  nextCursor: z.number().nullable(),
});
export const ReplyBody = z.strictObject({ reply: z.string().trim().min(1).max(500) });
export const HideBody = z.strictObject({ reason: z.string().trim().min(1).max(200) });

/** A distributor's share of a good review: the short link and the words for the card. */
export const ReviewShare = z.object({ link: z.string(), text: z.string(), review: ReviewView });
export const ReviewLinkParams = z.strictObject({
  code: z.string().max(64),
  reviewId: fromDigits(z.number().int().positive()),
});
