// 领券中心: the coupons a shopper may claim, with what is left and how many they hold; claiming is one tap.
import { Button, ErrorBlock, Skeleton, Toast } from "antd-mobile";
import { useState } from "react";
import { Link } from "react-router-dom";
import { CouponCard } from "../../components/CouponCard.tsx";
import { PageBar } from "../../components/PageBar.tsx";
import { type Translate, useI18n } from "../../i18n/index.tsx";
import { formatTime } from "../../lib/format.ts";
import { type CentreCoupon, couponApi } from "../../lib/marketing.ts";
import { useFail } from "../../lib/use-fail.ts";
import { useLoad } from "../../lib/use-load.ts";

export function templateValidity(
  c: { validFrom: string | null; validTo: string | null; validDays: number | null },
  t: Translate,
) {
  return c.validDays !== null
    ? t("coupon.validDays", { n: c.validDays })
    : t("coupon.validRange", { from: formatTime(c.validFrom), to: formatTime(c.validTo) });
}

export function CouponCentrePage() {
  const { t } = useI18n();
  const fail = useFail();
  const [coupons, reload] = useLoad(couponApi.centre, "centre");
  const [busy, setBusy] = useState<number | null>(null);

  const claim = async (c: CentreCoupon) => {
    setBusy(c.id);
    try {
      await couponApi.claim(c.id);
      Toast.show({ icon: "success", content: t("coupon.claimed") });
      reload();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="page coupon-centre-page" data-testid="coupon-centre">
      <PageBar
        title={t("coupon.centre")}
        right={
          <Link to="/me/coupons" className="small" data-testid="coupon-centre-mine">
            {t("coupon.mine")}
          </Link>
        }
      />
      {!coupons ? (
        <Skeleton.Paragraph lineCount={6} animated />
      ) : coupons.length === 0 ? (
        <ErrorBlock status="empty" title={t("coupon.centreEmpty")} description="" />
      ) : (
        <div className="coupon-list">
          {coupons.map((c) => {
            const full = c.mine >= c.perPersonLimit;
            return (
              <CouponCard
                key={c.id}
                testId="centre-coupon"
                summary={c.summary}
                name={c.name}
                validity={templateValidity(c, t)}
                note={t("coupon.left", { n: c.left })}
                dim={c.left === 0 && !full}
                action={
                  <Button
                    size="mini"
                    color="danger"
                    shape="rounded"
                    fill={full ? "outline" : "solid"}
                    disabled={full || c.left === 0}
                    loading={busy === c.id}
                    onClick={() => claim(c)}
                    data-testid="centre-claim"
                    data-coupon-name={c.name}
                  >
                    {full ? t("coupon.claimedTag") : c.left === 0 ? t("coupon.soldOut") : t("coupon.claim")}
                  </Button>
                }
              />
            );
          })}
        </div>
      )}
    </div>
  );
}
