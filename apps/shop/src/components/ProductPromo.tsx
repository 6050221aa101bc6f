// The product page's activity strip: badge, activity price against the list price, the countdown to the end,
// stock left and the per-person limit; below it the threshold discounts that cover the product.
import { Link } from "react-router-dom";
import { useI18n } from "../i18n/index.tsx";
import type { ActivityPrice } from "../lib/marketing.ts";
import { formatFen } from "../lib/money.ts";
import "../pages/challenges/challenge.css";
import { Countdown } from "./Countdown.tsx";
import { PromoBadge } from "./PromoBadge.tsx";

export function ProductPromo({ deal, listFen }: { deal: ActivityPrice; listFen: number }) {
  const { t } = useI18n();
  return (
    <section className="promo-strip" data-testid="product-promo" data-activity-id={deal.activityId}>
      <div className="promo-strip-left">
        <PromoBadge kind={deal.kind} />
        <span className="promo-strip-price" data-testid="product-promo-price">
          {formatFen(deal.priceFen)}
        </span>
        {listFen > deal.priceFen && <span className="promo-strip-list">{formatFen(listFen)}</span>}
      </div>
      <div className="promo-strip-right">
        <Countdown endsAt={deal.endsAt} />
        <div className="promo-strip-note">
          {[
            deal.stockLeft !== null ? t("promo.stockLeft", { n: deal.stockLeft }) : "",
            deal.perPersonLimit !== null ? t("promo.perPerson", { n: deal.perPersonLimit }) : "",
          ]
            .filter(Boolean)
            .join(" · ")}
        </div>
      </div>
      {deal.kind === "group_challenge" && (
        // the price falls as more join; the progress page shows by how much and when
        <Link
          to={`/group-challenges/${deal.activityId}`}
          className="promo-strip-challenge"
          data-testid="product-challenge-link"
        >
          {t("challenge.productCta")} ›
        </Link>
      )}
    </section>
  );
}

export function ThresholdLines({ lines }: { lines: string[] }) {
  const { t } = useI18n();
  if (lines.length === 0) return null;
  return (
    <div className="promo-lines product-thresholds" data-testid="product-thresholds">
      <span className="muted small">{t("promo.thresholds")}</span>
      {lines.map((line) => (
        <span key={line} className="promo-line">
          {line}
        </span>
      ))}
    </div>
  );
}
