// 我的优惠券: the shopper's coupons by state — usable (with their end), used (with the order), expired.
import { ErrorBlock, Skeleton, Tabs } from "antd-mobile";
import { Link, useSearchParams } from "react-router-dom";
import { CouponCard } from "../../components/CouponCard.tsx";
import { PageBar } from "../../components/PageBar.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { formatTime } from "../../lib/format.ts";
import { type CouponStatus, couponApi } from "../../lib/marketing.ts";
import { useLoad } from "../../lib/use-load.ts";

const tabs: CouponStatus[] = ["available", "used", "expired"];

export function MyCouponsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const status = (tabs as string[]).includes(params.get("status") ?? "")
    ? (params.get("status") as CouponStatus)
    : "available";
  const [coupons] = useLoad(() => couponApi.mine(status), status);

  return (
    <div className="page my-coupons-page" data-testid="my-coupons">
      <PageBar
        title={t("coupon.mine")}
        right={
          <Link to="/coupons" className="small" data-testid="my-coupons-centre">
            {t("coupon.centre")}
          </Link>
        }
      />
      <Tabs activeKey={status} onChange={(key) => setParams({ status: key }, { replace: true })}>
        {tabs.map((s) => (
          <Tabs.Tab key={s} title={t(`coupon.status.${s}`)} />
        ))}
      </Tabs>
      {!coupons ? (
        <Skeleton.Paragraph lineCount={6} animated />
      ) : coupons.length === 0 ? (
        <ErrorBlock status="empty" title={t("coupon.none")} description="" />
      ) : (
        <div className="coupon-list">
          {coupons.map((c) => (
            <CouponCard
              key={c.id}
              testId="my-coupon"
              summary={c.summary}
              name={c.name}
              dim={status !== "available"}
              validity={t("coupon.validTo", { time: formatTime(c.validTo) })}
              action={
                status === "available" ? (
                  <Link to="/" className="coupon-use" data-testid="my-coupon-use">
                    {t("coupon.use")}
                  </Link>
                ) : status === "used" && c.usedOrderId ? (
                  <Link to={`/orders/${c.usedOrderId}`} className="coupon-use">
                    {t("coupon.usedOrder")}
                  </Link>
                ) : (
                  <span className="muted small">{t("coupon.status.expired")}</span>
                )
              }
            />
          ))}
        </div>
      )}
    </div>
  );
}
