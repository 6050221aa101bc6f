// The commission cap's spirit across every kind of payout: the period's effective total payout rate
// (commissions + dividends + bonuses over the period's turnover), shown beside the 30% line.
import { BPS_WHOLE } from "../money.ts";

export const PAYOUT_RATE_LINE_BPS = 3000;

/**
 * Example: turnover ¥100,000, commissions ¥18,000, dividends ¥5,000, bonuses ¥2,000 → 2500 bps, under the line.
 * No turnover: 0 bps when nothing was paid, else over the line.
 */
export function computePayoutRate(p: {
  turnoverFen: number;
  commissionFen: number;
  dividendFen: number;
  bonusFen: number;
}): { rateBps: number; overLine: boolean } {
  const paid = p.commissionFen + p.dividendFen + p.bonusFen;
  if (p.turnoverFen <= 0) return { rateBps: 0, overLine: paid > 0 };
  const rateBps = Number((BigInt(paid) * BigInt(BPS_WHOLE)) / BigInt(p.turnoverFen));
  return { rateBps, overLine: rateBps > PAYOUT_RATE_LINE_BPS };
}
