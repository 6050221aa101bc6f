// What marks a ¥0 gift line (买赠 / 满赠) in checkout and on the order: the 赠品 tag, why it came ("满1件赠"),
// its list price struck through, or that the gift ran out (the order stands without it).
import { useI18n } from "../i18n/index.tsx";
import "./offers.css";
import { formatFen } from "../lib/money.ts";

export function GiftTag(props: { detail?: string; given?: boolean; originalFen?: number | null }) {
  const { t } = useI18n();
  return (
    <div className="gift-tag" data-testid="gift-line">
      <span className="promo-badge gift-badge">{t("gift.badge")}</span>
      {props.given === false ? (
        <span className="cart-line-problem">{t("gift.soldOut")}</span>
      ) : (
        <>
          {props.detail && <span className="muted small">{props.detail}</span>}
          {props.originalFen ? <s className="muted small">{formatFen(props.originalFen)}</s> : null}
        </>
      )}
    </div>
  );
}
