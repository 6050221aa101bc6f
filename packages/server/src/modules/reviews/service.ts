// Reviews (评价): a buyer reviews each line of a received order once (not a line refunded in full), with
// stars, text kept as typed (shown as text) and photos uploaded to this shop; the product page shows the
// visible ones; staff reply, hide with a reason or show again, each move in the audit log.
import { decideReviewable } from "@liebian/domain";
import type { Db } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { recordAudit } from "../audit/service.ts";
import { checkUploadedImage } from "../service/uploaded-image.ts";
import {
  findLineForReview,
  findOrderLinesForReview,
  findReview,
  insertReview,
  listProductReviews,
  listStaffReviews,
  lockReview,
  type ReviewRow,
  summariseProductReviews,
  updateReview,
} from "./repo.ts";

/** 小林 → 小*: the public page names nobody in full. */
export function shortName(nickname: string): string {
  const chars = [...nickname];
  return chars.length <= 1 ? "*" : `${chars[0]}*`;
}

export function reviewView(row: ReviewRow, audience: "public" | "owner") {
  return {
    id: row.id,
    productId: row.productId,
    orderItemId: row.orderItemId,
    rating: row.rating,
    body: row.body,
    photos: row.photos,
    skuLabel: row.skuLabel,
    author: audience === "public" ? shortName(row.author) : row.author,
    reply: row.reply,
    repliedAt: row.repliedAt,
    createdAt: row.createdAt,
  };
}

export async function createReview(
  deps: AppDeps,
  userId: number,
  input: { orderItemId: number; rating: number; text: string; photos: string[] },
) {
  for (const photo of input.photos) checkUploadedImage(deps, photo);
  const id = await inTransaction(deps.db, async (tx) => {
    const line = await findLineForReview(tx, input.orderItemId);
    if (!line || line.buyerUserId !== userId) throw notFound("Order line", { id: input.orderItemId });
    const decision = decideReviewable({ ...line, alreadyReviewed: line.reviewId !== null });
    if (decision.kind === "refuse") {
      if (decision.reason === "ALREADY_REVIEWED")
        throw new AppError("REVIEW_EXISTS", "This item was reviewed already");
      throw new AppError("REVIEW_NOT_ALLOWED", `This item cannot be reviewed (${decision.reason})`, {
        reason: decision.reason,
      });
    }
    const created = await insertReview(tx, {
      orderId: line.orderId,
      orderItemId: input.orderItemId,
      productId: line.productId,
      userId,
      rating: input.rating,
      body: input.text,
      photos: input.photos,
      skuLabel: line.skuLabel,
      createdAt: deps.now(),
    });
    if (!created) throw new AppError("REVIEW_EXISTS", "This item was reviewed already");
    return created.id;
  });
  return reviewView((await findReview(deps.db, id))!, "owner");
}

/** The order's lines and whether each may be reviewed now (the write-review page). */
export async function reviewableLines(db: Db, userId: number, orderId: number) {
  const lines = await findOrderLinesForReview(db, orderId);
  if (lines.length === 0 || lines[0]!.buyerUserId !== userId) throw notFound("Order", { id: orderId });
  return {
    items: lines.map((l) => {
      const decision = decideReviewable({ ...l, alreadyReviewed: l.reviewId !== null });
      return {
        orderItemId: l.orderItemId,
        productId: l.productId,
        title: l.title,
        skuLabel: l.skuLabel,
        imageUrl: l.imageUrl,
        refusal: decision.kind === "refuse" ? decision.reason : null,
        reviewId: l.reviewId,
      };
    }),
  };
}

export async function productReviews(
  db: Db,
  productId: number,
  q: { cursor?: number | undefined; limit: number; withPhotos?: "true" | "false" | undefined },
) {
  const rows = await listProductReviews(db, productId, {
    ...q,
    limit: q.limit + 1,
    withPhotos: q.withPhotos === "true",
  });
  const items = rows.slice(0, q.limit).map((r) => reviewView(r, "public"));
  return {
    summary: await summariseProductReviews(db, productId),
    items,
    nextCursor: rows.length > q.limit ? (items.at(-1)?.id ?? null) : null,
  };
}

/** One visible review, for a distributor's share link; a hidden one is not found. */
export async function publicReview(db: Db, id: number) {
  const row = await findReview(db, id);
  if (row?.status !== "visible") throw notFound("Review", { id });
  return reviewView(row, "public");
}

export async function staffReviews(
  db: Db,
  q: { status?: "visible" | "hidden" | undefined; cursor?: number | undefined; limit: number },
) {
  const rows = await listStaffReviews(db, { ...q, limit: q.limit + 1 });
  const items = rows.slice(0, q.limit).map((r) => ({
    ...reviewView({ ...r.review, author: r.author }, "owner"),
    status: r.review.status,
    hiddenReason: r.review.hiddenReason,
    orderId: r.review.orderId,
    productTitle: r.productTitle,
  }));
  return { items, nextCursor: rows.length > q.limit ? (items.at(-1)?.id ?? null) : null };
}

async function moderate(
  deps: AppDeps,
  actor: StaffActor,
  id: number,
  action: "review.reply" | "review.hide" | "review.show",
  patch: Parameters<typeof updateReview>[2],
) {
  await inTransaction(deps.db, async (tx) => {
    const before = await lockReview(tx, id);
    if (!before) throw notFound("Review", { id });
    await updateReview(tx, id, patch);
    await recordAudit(tx, actor, {
      action,
      entity: "review",
      entityId: id,
      before: { status: before.status, reply: before.reply, hiddenReason: before.hiddenReason },
      after: patch,
    });
  });
  return staffReviewById(deps.db, id);
}

async function staffReviewById(db: Db, id: number) {
  const row = (await findReview(db, id))!;
  return {
    ...reviewView(row, "owner"),
    status: row.status,
    hiddenReason: row.hiddenReason,
    orderId: row.orderId,
    productTitle: "",
  };
}

export const replyToReview = (deps: AppDeps, actor: StaffActor, id: number, reply: string) =>
  moderate(deps, actor, id, "review.reply", { reply, repliedAt: deps.now() });

export const hideReview = (deps: AppDeps, actor: StaffActor, id: number, reason: string) =>
  moderate(deps, actor, id, "review.hide", { status: "hidden", hiddenReason: reason });

export const showReview = (deps: AppDeps, actor: StaffActor, id: number) =>
  moderate(deps, actor, id, "review.show", { status: "visible", hiddenReason: null });
