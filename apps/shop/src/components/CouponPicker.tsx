// The checkout's coupon row and its sheet: the coupons that apply, best first, each with what it takes off;
// those that do not, greyed with the reason (not yet valid, other goods only, activity items, ¥x short);
// and "no coupon".
import { List, Popup, Radio } from "antd-mobile";
import { useState } from "react";
import { type Translate, useI18n } from "../i18n/index.tsx";
import { formatFen } from "../lib/money.ts";
import type { Quote } from "../lib/types.ts";
import { CouponCard } from "./CouponCard.tsx";

type Option = Quote["coupons"][number];

/** The applicable coupon that takes the most off (ties: the one held first), or null. */
export function bestCoupon(options: readonly Option[]): Option | null {
  let best: Option | null = null;
  for (const o of options) if (o.applicable && (!best || o.amountFen > best.amountFen)) best = o;
  return best;
}

function whyNot(o: Option, t: Translate): string {
  if (o.reason === "min_spend" && o.shortFen !== null)
    return t("coupon.why.min_spend", { amount: formatFen(o.shortFen) });
  return t(`coupon.why.${o.reason ?? "scope"}`);
}

export function CouponPicker({
  quote,
  chosen,
  onChoose,
}: {
  quote: Quote;
  chosen: number | null;
  onChoose: (couponId: number | null) => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const usable = quote.coupons.filter((o) => o.applicable).sort((a, b) => b.amountFen - a.amountFen);
  const unusable = quote.coupons.filter((o) => !o.applicable);
  const applied = quote.coupons.find((o) => o.id === quote.couponId) ?? null;
  const choose = (id: number | null) => {
    setOpen(false);
    onChoose(id);
  };

  return (
    <>
      <List className="card checkout-amounts">
        <List.Item
          onClick={() => setOpen(true)}
          data-testid="checkout-coupon"
          extra={
            applied ? (
              <span className="price-now" data-testid="checkout-coupon-amount">
                -{formatFen(applied.amountFen)}
              </span>
            ) : (
              <span className="muted">
                {usable.length > 0 ? t("coupon.usableCount", { n: usable.length }) : t("coupon.noneUsable")}
              </span>
            )
          }
          description={applied ? applied.name : undefined}
        >
          {t("coupon.title")}
        </List.Item>
      </List>
      <Popup visible={open} onMaskClick={() => setOpen(false)} bodyClassName="coupon-sheet">
        <div className="coupon-sheet-head">{t("coupon.choose")}</div>
        <div className="coupon-list" data-testid="coupon-sheet">
          {usable.map((o) => (
            <button
              type="button"
              key={o.id}
              className="coupon-choice"
              onClick={() => choose(o.id)}
              data-testid="coupon-option"
              data-coupon-id={o.id}
            >
              <CouponCard
                summary={o.summary}
                name={o.name}
                validity={t("coupon.saves", { amount: formatFen(o.amountFen) })}
                action={<Radio checked={o.id === chosen} />}
              />
            </button>
          ))}
          {unusable.length > 0 && <div className="coupon-sheet-sub">{t("coupon.unusable")}</div>}
          {unusable.map((o) => (
            <CouponCard
              key={o.id}
              testId="coupon-unusable"
              summary={o.summary}
              name={o.name}
              validity={whyNot(o, t)}
              dim
            />
          ))}
          <button
            type="button"
            className="coupon-choice coupon-none"
            onClick={() => choose(null)}
            data-testid="coupon-none"
          >
            <span>{t("coupon.noCoupon")}</span>
            <Radio checked={chosen === null} />
          </button>
        </div>
      </Popup>
    </>
  );
}
