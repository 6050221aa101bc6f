// One order: status and its deadline, address, items, amounts, parcels with tracking, the timeline, actions.
import { List, Skeleton, Steps } from "antd-mobile";
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { AddressCard } from "../components/AddressCard.tsx";
import { GiftTag } from "../components/GiftTag.tsx";
import { OrderActions } from "../components/OrderActions.tsx";
import { OrderLine } from "../components/OrderLine.tsx";
import { PageBar } from "../components/PageBar.tsx";
import { ParcelRoutes } from "../components/ParcelRoutes.tsx";
import { isMessageKey, useI18n } from "../i18n/index.tsx";
import { api, call } from "../lib/api.ts";
import { formatTime } from "../lib/format.ts";
import { formatFen } from "../lib/money.ts";
import { timelineNote } from "../lib/timeline-note.ts";
import type { Order } from "../lib/types.ts";
import { useFail } from "../lib/use-fail.ts";
import { BookingCard } from "./booking/BookingCard.tsx";
import { OrderChallengeCard } from "./challenges/OrderChallenge.tsx";

export function OrderDetailPage() {
  const { t } = useI18n();
  const fail = useFail();
  const id = Number(useParams().id);
  const [order, setOrder] = useState<Order | null>(null);

  useEffect(() => {
    call(api.GET("/api/v1/orders/{id}", { params: { path: { id } } })).then(setOrder, fail);
  }, [id, fail]);

  if (!order) return <Skeleton.Paragraph lineCount={8} animated />;

  const eventLabel = (kind: string) => {
    const key = `order.event.${kind}`;
    if (isMessageKey(key)) return t(key);
    return kind.startsWith("after_sale") ? t("order.event.after_sale") : kind;
  };
  const hint =
    order.status === "pending_payment" && order.closeDueAt
      ? t("order.closeDue", { time: formatTime(order.closeDueAt) })
      : order.status === "shipped" && order.delivery === "redemption"
        ? t("order.redeemHint")
        : order.status === "shipped" && order.autoReceiveDueAt
          ? t("order.autoReceive", { time: formatTime(order.autoReceiveDueAt) })
          : null;

  return (
    <div
      className="page order-detail-page"
      data-testid="order-detail"
      data-order-id={order.id}
      data-status={order.status}
    >
      <PageBar title={t("order.detailTitle")} />
      <div className="order-hero">
        <div className="order-hero-status" data-testid="order-status">
          {t(`order.status.${order.status}`)}
        </div>
        {hint && <div className="order-hero-hint">{hint}</div>}
      </div>
      {order.redemption && (
        <div className="card redemption-card" data-testid="redemption-code">
          <div className="redemption-label">{t("order.redemptionCode")}</div>
          <div className="redemption-code">{order.redemption.code}</div>
          <div className="redemption-status">
            {order.redemption.redeemedAt
              ? t("order.redeemedAt", { time: formatTime(order.redemption.redeemedAt) })
              : t("order.redemptionIssued")}
          </div>
        </div>
      )}
      {order.delivery === "redemption" && <BookingCard order={order} />}
      {order.address && (
        <div className="card">
          <AddressCard address={order.address} />
        </div>
      )}
      <div className="card">
        {order.items.map((item) => (
          <OrderLine
            key={item.id}
            line={item}
            extra={
              <>
                {item.activityKind === "gift" && <GiftTag originalFen={item.originalUnitFen} />}
                {item.refundedFen > 0 && (
                  <div className="cart-line-problem">
                    {t("order.refunded", { amount: formatFen(item.refundedFen) })}
                  </div>
                )}
              </>
            }
          />
        ))}
      </div>
      {order.items.some((i) => i.activityKind === "group_challenge") && (
        <OrderChallengeCard orderId={order.id} />
      )}
      <List className="card order-amounts">
        <List.Item extra={formatFen(order.goodsFen)}>{t("checkout.goods")}</List.Item>
        {order.discounts.map((d) => (
          <List.Item
            key={`${d.kind}-${d.label}-${d.target}`}
            description={d.detail !== d.label ? d.detail : undefined}
            extra={<span data-testid="order-discount">{`-${formatFen(d.amountFen)}`}</span>}
          >
            {d.kind.startsWith("coupon_") ? `${t("coupon.title")} · ${d.label}` : d.label}
          </List.Item>
        ))}
        {order.discounts.length === 0 && order.discountFen > 0 && (
          <List.Item extra={`-${formatFen(order.discountFen)}`}>{t("checkout.discount")}</List.Item>
        )}
        <List.Item extra={formatFen(order.freightFen)}>{t("checkout.freight")}</List.Item>
        <List.Item
          extra={
            <strong className="price-now price" data-testid="order-payable">
              {formatFen(order.payableFen)}
            </strong>
          }
        >
          {order.paidAt ? t("order.payable") : t("checkout.payable")}
        </List.Item>
        {order.walletFen > 0 && (
          <List.Item extra={<span data-testid="order-wallet-paid">{formatFen(order.walletFen)}</span>}>
            {t("order.walletPaid")}
          </List.Item>
        )}
        {order.refundedFen > 0 && (
          <List.Item extra={formatFen(order.refundedFen)}>{t("order.refunded", { amount: "" })}</List.Item>
        )}
      </List>
      {order.parcels.length > 0 && <ParcelRoutes order={order} />}
      <div className="card" data-testid="order-timeline">
        <div className="card-head">{t("order.timeline")}</div>
        <Steps direction="vertical" current={order.timeline.length - 1}>
          {order.timeline.map((e) => (
            <Steps.Step
              key={`${e.kind}-${e.at}`}
              title={eventLabel(e.kind)}
              description={[formatTime(e.at), timelineNote(e.kind, e.note, t)].filter(Boolean).join(" · ")}
            />
          ))}
        </Steps>
      </div>
      <div className="card order-meta">
        <div>
          {t("order.no")}: <span data-testid="order-no">{order.orderNo}</span>
        </div>
        <div>
          {t("order.placedAt")}: {formatTime(order.placedAt)}
        </div>
        {order.paidAt && (
          <div>
            {t("order.paidAt")}: {formatTime(order.paidAt)}
          </div>
        )}
        {order.buyerRemark && (
          <div>
            {t("order.remark")}: {order.buyerRemark}
          </div>
        )}
      </div>
      <div className="card">
        <OrderActions order={order} onChanged={setOrder} detail />
        <Link to={`/service?kind=order&id=${order.id}`} className="service-entry" data-testid="order-service">
          {t("service.entry")}
        </Link>
        {(order.status === "received" || order.status === "completed") && (
          <Link
            to={`/orders/${order.id}/review`}
            className="service-entry review-entry"
            data-testid="order-review"
          >
            {t("review.write")}
          </Link>
        )}
      </div>
    </div>
  );
}
