// Cursor pages of the list routes: the query they read, the body they answer with, and how it is cut.
import { z } from "zod";
import { fromDigits, Id } from "./input-types.ts";

/** `?limit=&cursor=`: up to 100 rows after the cursor (the last row's id of the previous page). */
export const PageQuery = z.strictObject({
  limit: fromDigits(z.number().int().min(1).max(100).default(20)),
  cursor: Id.optional(),
});

/** A page of `row`s; `nextCursor` is null on the last page. */
export function pageOf<T extends z.ZodType>(row: T) {
  return z.strictObject({ items: z.array(row), nextCursor: z.number().nullable() });
}

/** Cuts a page from rows read with `limit`: a full page may have a next one, after its last `key`. */
export function page<T extends Record<string, unknown>>(rows: T[], limit: number, key: keyof T) {
  return { items: rows, nextCursor: rows.length === limit ? Number(rows[rows.length - 1]![key]) : null };
}
