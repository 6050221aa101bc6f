// A report's date range: Shanghai business days, both ends included, at most three years (a range of a
// hundred years is refused, not scanned); `to` defaults to today and `from` to 29 days before it.
import { AppError } from "../../errors/app-error.ts";
import { shanghaiDay } from "../tracking/repo.ts";

export const MAX_REPORT_DAYS = 1096;

export type DayRange = { from: string; to: string; days: number };

export function reportRange(
  input: { from?: string | undefined; to?: string | undefined },
  now: Date,
): DayRange {
  const to = input.to ?? shanghaiDay(now);
  const from = input.from ?? shanghaiDay(new Date(new Date(`${to}T00:00:00Z`).getTime() - 29 * 86_400_000));
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  if (!(days >= 1)) throw new AppError("VALIDATION_FAILED", "`from` must not be after `to`", { from, to });
  if (days > MAX_REPORT_DAYS)
    throw new AppError("REPORT_RANGE_TOO_LONG", `A report covers at most ${MAX_REPORT_DAYS} days`, { days });
  return { from, to, days };
}
