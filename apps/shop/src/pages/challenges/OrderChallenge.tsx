// On an order that joined a group challenge: which challenge and where it stands, the rule (the difference to
// the final tier comes back when it ends), and once it ended the price-difference refund and how far it got.
import { Tag } from "antd-mobile";
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { isMessageKey, useI18n } from "../../i18n/index.tsx";
import { formatFen } from "../../lib/money.ts";
import { loadOrderChallenge, type OrderChallenge, zheText } from "./challenge-api.ts";
import "./challenge.css";

export function OrderChallengeCard({ orderId }: { orderId: number }) {
  const { t } = useI18n();
  const [challenge, setChallenge] = useState<OrderChallenge | null>(null);

  useEffect(() => {
    // an order of no challenge answers 404: nothing to show
    loadOrderChallenge(orderId).then(setChallenge, () => setChallenge(null));
  }, [orderId]);

  if (!challenge) return null;
  const refund = challenge.refund;
  const statusKey = refund ? `aftersale.status.${refund.status}` : "";
  return (
    <div className="card" data-testid="order-challenge" data-settled={challenge.settled}>
      <div className="card-head">
        <span>
          {t("challenge.title")} · {challenge.name}
        </span>
        <Link to={`/group-challenges/${challenge.id}`} className="small muted">
          {t("challenge.progress")} ›
        </Link>
      </div>
      {!challenge.settled ? (
        <div className="muted small">
          {t("challenge.orderPending", {
            tier: challenge.payBps >= 10_000 ? t("challenge.listPrice") : zheText(challenge.payBps),
          })}
        </div>
      ) : refund ? (
        <div className="challenge-order-refund" data-testid="order-challenge-refund">
          <span>
            {t("challenge.orderRefund", { tier: zheText(challenge.payBps) })}{" "}
            <strong className="price-now">{formatFen(refund.refundFen)}</strong>
          </span>
          <Tag color={refund.status === "refunded" ? "success" : "primary"} fill="outline">
            {isMessageKey(statusKey) ? t(statusKey) : refund.status}
          </Tag>
        </div>
      ) : (
        <div className="muted small">{t("challenge.orderNoRefund")}</div>
      )}
    </div>
  );
}
