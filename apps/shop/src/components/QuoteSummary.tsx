// What the server's checkout quote says: each line, the ¥0 gifts it earns, goods, discounts, freight per
// template, payable.
import { List } from "antd-mobile";
import { type MessageKey, useI18n } from "../i18n/index.tsx";
import { formatFen } from "../lib/money.ts";
import type { Quote } from "../lib/types.ts";
import { GiftTag } from "./GiftTag.tsx";
import { OrderLine } from "./OrderLine.tsx";

export function QuoteSummary({ quote }: { quote: Quote }) {
  const { t } = useI18n();
  return (
    <>
      <div className="card" data-testid="checkout-lines">
        {quote.lines.map((line) => (
          <OrderLine key={line.skuId} line={line} />
        ))}
        {quote.gifts.map((gift) => (
          <OrderLine
            key={`gift-${gift.activityId}-${gift.skuId}`}
            line={{ ...gift, unitPriceFen: 0 }}
            extra={<GiftTag detail={gift.detail} given={gift.given} originalFen={gift.originalUnitFen} />}
          />
        ))}
      </div>
      <List className="card checkout-amounts">
        <List.Item extra={<span data-testid="checkout-goods">{formatFen(quote.goodsFen)}</span>}>
          {t("checkout.goods")}
        </List.Item>
        {quote.discounts.map((d) => (
          <List.Item
            key={`${d.kind}-${d.label}`}
            extra={<span data-testid="checkout-discount">{`-${formatFen(d.amountFen)}`}</span>}
            description={
              d.source === "coupon" ? t("coupon.title") : d.detail !== d.label ? d.detail : undefined
            }
          >
            {d.label}
          </List.Item>
        ))}
        {quote.freight.map((f) => (
          <List.Item
            key={f.templateId}
            description={t(`checkout.freightReason.${f.reason}` as MessageKey)}
            extra={
              <span data-testid="checkout-freight">
                {f.feeFen === 0 ? t("checkout.freightFree") : formatFen(f.feeFen)}
              </span>
            }
          >
            {t("checkout.freight")}
          </List.Item>
        ))}
        {quote.freight.length === 0 && (
          <List.Item extra={<span data-testid="checkout-freight">{formatFen(quote.freightFen)}</span>}>
            {t("checkout.freight")}
          </List.Item>
        )}
      </List>
    </>
  );
}
