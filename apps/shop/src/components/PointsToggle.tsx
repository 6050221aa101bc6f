// The checkout's points row: the shopper's spendable points, the most this cart may use (the merchant's cap
// on an order's share) and what they take off; switched on, the order asks for that many and the quote says
// how many were used and the ¥ saved.
import { List, Switch } from "antd-mobile";
import { useI18n } from "../i18n/index.tsx";
import { formatFen } from "../lib/money.ts";
import type { Quote } from "../lib/types.ts";

/** What `points` points pay at the merchant's rate, in whole fen (as the server counts them). */
export function pointsWorthFen(points: number, pointsPerYuan: number): number {
  return Math.floor((points * 100) / pointsPerYuan);
}

export function PointsToggle({
  quote,
  on,
  onChange,
}: {
  quote: Quote;
  on: boolean;
  onChange: (on: boolean) => void;
}) {
  const { t } = useI18n();
  const offer = quote.points;
  if (!offer || offer.balance <= 0) return null;
  const saved = quote.discounts.find((d) => d.source === "points")?.amountFen ?? 0;
  const usable = on ? quote.pointsUsed : offer.maxUsable;
  const description = on
    ? t("points.used", { n: quote.pointsUsed, amount: formatFen(saved) })
    : offer.maxUsable > 0
      ? t("points.canUse", {
          n: offer.maxUsable,
          amount: formatFen(pointsWorthFen(offer.maxUsable, offer.pointsPerYuan)),
        })
      : t("points.noneUsable");
  return (
    <List className="card checkout-amounts">
      <List.Item
        description={<span data-testid="checkout-points-note">{description}</span>}
        extra={
          <Switch
            checked={on}
            disabled={!on && usable <= 0}
            onChange={onChange}
            data-testid="checkout-points-switch"
          />
        }
      >
        {t("points.checkoutTitle", { balance: offer.balance })}
      </List.Item>
    </List>
  );
}
