// My orders by status tab, loaded page by page (cursor) as the shopper scrolls.
import { ErrorBlock, InfiniteScroll, Tabs } from "antd-mobile";
import { useRef, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { OrderActions } from "../components/OrderActions.tsx";
import { OrderLine } from "../components/OrderLine.tsx";
import { PageBar } from "../components/PageBar.tsx";
import { useI18n } from "../i18n/index.tsx";
import { api, call } from "../lib/api.ts";
import { formatFen } from "../lib/money.ts";
import type { OrderCard, OrderStatus } from "../lib/types.ts";

const tabs = ["all", "pending_payment", "paid", "shipped", "received", "completed"] as const;

export function OrdersPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const raw = params.get("status");
  const status = tabs.find((s) => s === raw) ?? "all";
  return (
    <div className="page orders-page">
      <PageBar title={t("order.title")} back="/me" />
      <Tabs
        activeKey={status}
        onChange={(key) => setParams(key === "all" ? {} : { status: key }, { replace: true })}
        className="orders-tabs"
      >
        {tabs.map((s) => (
          <Tabs.Tab
            key={s}
            title={s === "all" ? t("order.tab.all") : t(`order.status.${s}`)}
            data-testid={`orders-tab-${s}`}
          />
        ))}
      </Tabs>
      <OrderList key={status} status={status === "all" ? undefined : status} />
    </div>
  );
}

function OrderList({ status }: { status?: OrderStatus }) {
  const { t } = useI18n();
  const [orders, setOrders] = useState<OrderCard[]>([]);
  const [hasMore, setHasMore] = useState(true);
  const cursor = useRef<number | undefined>(undefined);

  const loadMore = async () => {
    const page = await call(
      api.GET("/api/v1/orders", { params: { query: { status, cursor: cursor.current, limit: 10 } } }),
    );
    cursor.current = page.nextCursor ?? undefined;
    setOrders((previous) => [...previous, ...page.items]);
    setHasMore(page.nextCursor !== null);
  };
  const replace = (changed: OrderCard) =>
    setOrders((all) => all.map((o) => (o.id === changed.id ? changed : o)));

  return (
    <div>
      {orders.map((order) => (
        <OrderRow key={order.id} order={order} onChanged={replace} />
      ))}
      {!hasMore && orders.length === 0 ? (
        <ErrorBlock status="empty" title={t("order.empty")} description="" />
      ) : (
        <InfiniteScroll loadMore={loadMore} hasMore={hasMore} />
      )}
    </div>
  );
}

function OrderRow({ order, onChanged }: { order: OrderCard; onChanged: (o: OrderCard) => void }) {
  const { t } = useI18n();
  const pieces = order.items.reduce((n, i) => n + i.quantity, 0);
  return (
    <div
      className="card order-row"
      data-testid="order-row"
      data-order-id={order.id}
      data-status={order.status}
    >
      <Link to={`/orders/${order.id}`}>
        <div className="card-head">
          <span className="muted small">
            {t("order.no")} {order.orderNo}
          </span>
          <span className="order-status" data-testid="order-status">
            {t(`order.status.${order.status}`)}
          </span>
        </div>
        {order.items.map((item) => (
          <OrderLine key={item.id} line={item} />
        ))}
        <div className="order-row-total">
          {t("common.pieces", { n: pieces })} {t("order.payable")}{" "}
          <strong>{formatFen(order.payableFen)}</strong>
          {/* a refund that kept the goods (a challenge's price difference) shows only here and on the order */}
          {order.refundedFen > 0 && (
            <span className="muted small" data-testid="order-row-refunded">
              {" "}
              · {t("order.refunded", { amount: formatFen(order.refundedFen) })}
            </span>
          )}
        </div>
      </Link>
      <OrderActions order={order} onChanged={onChanged} />
    </div>
  );
}
