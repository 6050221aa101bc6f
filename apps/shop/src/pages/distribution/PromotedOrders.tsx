// Orders placed through me (any level): order number, status, masked buyer, amount paid and my commission.
import { CursorList } from "../../components/CursorList.tsx";
import { PageBar } from "../../components/PageBar.tsx";
import { isMessageKey, useI18n } from "../../i18n/index.tsx";
import { distributionApi } from "../../lib/distribution-api.ts";
import type { PromotedOrder } from "../../lib/distribution-types.ts";
import { formatTime } from "../../lib/format.ts";
import { formatFen } from "../../lib/money.ts";

export function PromotedOrdersPage() {
  const { t } = useI18n();
  return (
    <div className="page">
      <PageBar title={t("dist.orders")} back="/distribution" />
      <CursorList
        load={distributionApi.orders}
        render={(o) => <OrderRow key={o.orderId} o={o} />}
        empty={t("order.empty")}
      />
    </div>
  );
}

function OrderRow({ o }: { o: PromotedOrder }) {
  const { t } = useI18n();
  const statusKey = `order.status.${o.status}`;
  return (
    <div className="card" data-testid="promoted-order-row">
      <div className="dist-row small muted">
        <span>
          {t("order.no")} {o.orderNo}
        </span>
        <span className="order-status">{isMessageKey(statusKey) ? t(statusKey) : o.status}</span>
      </div>
      <div className="dist-row">
        <span>{t("dist.order.buyer", { name: o.buyerNickname })}</span>
        <span>{formatFen(o.paidFen)}</span>
      </div>
      <div className="dist-row small">
        <span className="muted">{formatTime(o.placedAt)}</span>
        <span className="dist-row-amount">
          {t("dist.order.commission", { amount: formatFen(o.commissionFen) })}
        </span>
      </div>
    </div>
  );
}
