// What the shopper is asking about, beside the conversation: the order with its lines, parcels and every
// after-sale, or the product; and their latest orders when the conversation is about nothing in particular.
import { Card, Descriptions, Empty, List, Tag } from "antd";
import { Link } from "react-router-dom";
import { useI18n } from "../../i18n/index.tsx";
import { formatFen } from "../../lib/money.ts";
import { formatTime } from "../../lib/time.ts";

export type DeskContext = {
  kind: string;
  product: { id: number; title: string; imageUrl: string | null } | null;
  order: {
    id: number;
    orderNo: string;
    status: string;
    payableFen: number;
    refundedFen: number;
    placedAt: string;
    items: { title: string; skuLabel: string; quantity: number; paidFen: number }[];
    parcels: { carrier: string; trackingNo: string }[];
    afterSales: { id: number; kind: string; status: string; refundFen: number; reason: string }[];
  } | null;
  afterSaleId: number | null;
  recentOrders: { id: number; orderNo: string; status: string; payableFen: number }[];
};

export function ContextCard({ context }: { context: DeskContext }) {
  const { t, label } = useI18n();
  const { order, product } = context;
  return (
    <Card size="small" title={t("service.context")} data-testid="desk-context">
      {product && (
        <p>
          {t("service.aboutProduct")}: <Link to={`/products/${product.id}`}>{product.title}</Link>
        </p>
      )}
      {order && (
        <Descriptions size="small" column={1} data-testid="desk-context-order">
          <Descriptions.Item label={t("service.order")}>
            <Link to={`/orders/${order.id}`}>{order.orderNo}</Link>{" "}
            <Tag>{label(`orderStatus.${order.status}`, order.status)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t("service.paid")}>
            {formatFen(order.payableFen)}
            {order.refundedFen > 0 && ` (${t("service.refunded")} ${formatFen(order.refundedFen)})`}
          </Descriptions.Item>
          <Descriptions.Item label={t("service.placedAt")}>{formatTime(order.placedAt)}</Descriptions.Item>
          <Descriptions.Item label={t("service.items")}>
            {order.items.map((i) => `${i.title} ${i.skuLabel} ×${i.quantity}`).join("；")}
          </Descriptions.Item>
          <Descriptions.Item label={t("service.parcels")}>
            {order.parcels.map((p) => `${p.carrier} ${p.trackingNo}`).join("；") || "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("service.afterSales")}>
            {order.afterSales.length === 0
              ? "—"
              : order.afterSales.map((a) => (
                  <div key={a.id} style={{ fontWeight: a.id === context.afterSaleId ? 600 : undefined }}>
                    #{a.id} {label(`afterSaleStatus.${a.status}`, a.status)} {formatFen(a.refundFen)} ·{" "}
                    {a.reason}
                  </div>
                ))}
          </Descriptions.Item>
        </Descriptions>
      )}
      {!order && !product && context.recentOrders.length === 0 && (
        <Empty description={t("service.noContext")} />
      )}
      {context.recentOrders.length > 0 && (
        <List
          size="small"
          header={t("service.recentOrders")}
          dataSource={context.recentOrders}
          renderItem={(o) => (
            <List.Item>
              <Link to={`/orders/${o.id}`}>{o.orderNo}</Link> {label(`orderStatus.${o.status}`, o.status)}{" "}
              {formatFen(o.payableFen)}
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
