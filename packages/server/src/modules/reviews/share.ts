// Distributors share a good review (4–5 stars): a short link `/s/CODE/r/ID` that opens the product page with
// that review on top and carries the distributor's code like any share link, and the words for the card.
import type { Db } from "../../db/client.ts";
import type { AppDeps } from "../../deps.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import { landingOf } from "../sharing/links.ts";
import { activeSharer } from "../sharing/service.ts";
import { findReview } from "./repo.ts";
import { reviewView } from "./service.ts";

/** The fewest stars a review has to be shared as proof. */
export const SHAREABLE_STARS = 4;

export async function shareReview(deps: Pick<AppDeps, "db" | "config">, userId: number, reviewId: number) {
  const sharer = await activeSharer(deps, userId);
  const row = await findReview(deps.db, reviewId);
  if (row?.status !== "visible") throw notFound("Review", { id: reviewId });
  if (row.rating < SHAREABLE_STARS)
    throw new AppError("REVIEW_NOT_SHAREABLE", "Only good reviews are shared", { rating: row.rating });
  const review = reviewView(row, "public");
  const excerpt = [...review.body].length > 40 ? `${[...review.body].slice(0, 39).join("")}…` : review.body;
  return {
    link: `${deps.config.publicUrl.replace(/\/+$/, "")}/s/${sharer.inviteCode}/r/${reviewId}`,
    text: `${"★".repeat(review.rating)} ${review.author}：「${excerpt}」`,
    review,
  };
}

/** Where `/s/CODE/r/ID` lands: the product page showing the review, or the shop if it is gone or hidden. */
export async function reviewLanding(db: Db, code: string, reviewId: number): Promise<string> {
  const row = await findReview(db, reviewId);
  if (row?.status !== "visible") return landingOf(code, { kind: "shop" });
  const page = landingOf(code, { kind: "product", productId: row.productId });
  return `${page}${page.includes("?") ? "&" : "?"}review=${reviewId}`;
}
