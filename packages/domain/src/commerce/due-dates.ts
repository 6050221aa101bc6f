// When an order's deadlines fall: the unpaid order closes, the shipped order is received
// automatically, the received order completes once its after-sale window has passed.
// China has no daylight saving, so a day is always 86,400,000 ms.

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export type OrderTimingSettings = {
  /** Minutes an order waits for payment before it closes. */
  paymentTimeoutMinutes: number;
  /** Days after shipping before receipt is confirmed for the shopper. */
  autoConfirmDays: number;
  /** Days after receipt during which after-sales may be opened (and commissions stay frozen). */
  afterSaleWindowDays: number;
};

export const DEFAULT_ORDER_TIMING: OrderTimingSettings = {
  paymentTimeoutMinutes: 30,
  autoConfirmDays: 10,
  afterSaleWindowDays: 7,
};

export type DueDates = {
  closeDueAt(placedAtMs: number): number;
  autoReceiveDueAt(shippedAtMs: number): number;
  completeDueAt(receivedAtMs: number): number;
};

/**
 * The deadline calculators for a merchant's settings (missing settings take the defaults:
 * 30 minutes, 10 days, 7 days). All times are epoch milliseconds.
 * Example: buildDueDates().closeDueAt(0) = 1_800_000; buildDueDates({ afterSaleWindowDays: 15 }).completeDueAt(0) = 1_296_000_000.
 */
export function buildDueDates(settings: Partial<OrderTimingSettings> = {}): DueDates {
  const s = { ...DEFAULT_ORDER_TIMING, ...settings };
  for (const [name, value] of Object.entries(s)) {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`${name} must be a non-negative integer`);
  }
  const at = (from: number, ms: number) => {
    if (!Number.isSafeInteger(from)) throw new RangeError("times are integer epoch milliseconds");
    return from + ms;
  };
  return {
    closeDueAt: (placedAtMs) => at(placedAtMs, s.paymentTimeoutMinutes * MINUTE_MS),
    autoReceiveDueAt: (shippedAtMs) => at(shippedAtMs, s.autoConfirmDays * DAY_MS),
    completeDueAt: (receivedAtMs) => at(receivedAtMs, s.afterSaleWindowDays * DAY_MS),
  };
}
