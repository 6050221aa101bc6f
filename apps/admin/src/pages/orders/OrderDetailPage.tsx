// 订单详情: what was bought and paid, where it goes, the parcels, the merchant remark, and the timeline; ship from here.
import { Button, Card, Descriptions, Image, Input, Skeleton, Space, Table, Tag, Timeline } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useParams } from "react-router-dom";
import { MaskedPhone } from "../../components/MaskedPhone.tsx";
import { isMessageKey, useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useAuth } from "../../lib/auth.tsx";
import { formatFen } from "../../lib/money.ts";
import { formatTime } from "../../lib/time.ts";
import { providerName, timelineNote } from "../../lib/timeline-note.ts";
import { useNotify } from "../../lib/use-notify.ts";
import { type OrderStatus, orderStatusColor } from "./order-status.ts";
import { ShipDialog } from "./ShipDialog.tsx";

type Order = Awaited<ReturnType<typeof loadOrder>>;

function loadOrder(id: number) {
  return call(api.GET("/api/admin/v1/orders/{id}", { params: { path: { id } } }));
}

const at = (value: string | null | undefined) => formatTime(value);

export function OrderDetailPage() {
  const id = Number(useParams().id);
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const [order, setOrder] = useState<Order | null>(null);
  const [remark, setRemark] = useState("");
  const [shipping, setShipping] = useState(false);

  const reload = useCallback(() => {
    loadOrder(id)
      .then((o) => {
        setOrder(o);
        setRemark(o.merchantRemark ?? "");
      })
      .catch(failed);
  }, [id, failed]);
  useEffect(reload, [reload]);

  async function saveRemark() {
    try {
      setOrder(
        await call(
          api.POST("/api/admin/v1/orders/{id}/remark", {
            params: { path: { id } },
            body: { merchantRemark: remark },
          }),
        ),
      );
      done();
    } catch (error) {
      failed(error);
    }
  }

  const label = (key: string, fallback: string) => (isMessageKey(key) ? t(key) : fallback);
  const timelineLabel = (kind: string, toStatus: string | null) =>
    label(`timeline.${kind}`, toStatus ? label(`orderStatus.${toStatus}`, toStatus) : kind);

  if (!order) return <Skeleton active />;
  const status = order.status as OrderStatus;
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card
        title={`${t("order.detail")} ${order.orderNo}`}
        extra={
          status === "paid" &&
          can("orders.fulfil") && (
            <Button data-testid="order-ship" type="primary" onClick={() => setShipping(true)}>
              {t("order.ship")}
            </Button>
          )
        }
      >
        <Descriptions column={3} size="small">
          <Descriptions.Item label={t("order.status")}>
            <Tag data-testid="order-status" color={orderStatusColor[status]}>
              {t(`orderStatus.${status}`)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t("order.placedAt")}>{at(order.placedAt)}</Descriptions.Item>
          <Descriptions.Item label={t("order.paidAt")}>{at(order.paidAt)}</Descriptions.Item>
          <Descriptions.Item label={t("order.goods")}>{formatFen(order.goodsFen)}</Descriptions.Item>
          <Descriptions.Item label={t("order.discount")}>{formatFen(order.discountFen)}</Descriptions.Item>
          <Descriptions.Item label={t("order.freight")}>{formatFen(order.freightFen)}</Descriptions.Item>
          <Descriptions.Item label={t("order.payable")}>
            <b>{formatFen(order.payableFen)}</b>
          </Descriptions.Item>
          <Descriptions.Item label={t("order.refunded")}>{formatFen(order.refundedFen)}</Descriptions.Item>
          <Descriptions.Item label={t("order.payment")}>
            {order.paymentProvider ? providerName(order.paymentProvider, t) : "—"}{" "}
            {order.paymentTransactionId ?? ""}
          </Descriptions.Item>
          {order.address ? (
            <Descriptions.Item label={t("order.consignee")} span={3}>
              {order.address.name} <MaskedPhone masked={order.address.phone} subject="order" id={order.id} />{" "}
              {order.address.regionText} {order.address.detail}
            </Descriptions.Item>
          ) : (
            <Descriptions.Item label={t("order.redemptionCode")} span={3}>
              {order.redemption
                ? `${order.redemption.code} · ${t(`redemption.status.${order.redemption.status}`)}`
                : t("order.noAddress")}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t("order.buyerRemark")} span={3}>
            {order.buyerRemark || "—"}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t("order.items")}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={order.items}
          columns={[
            {
              title: "",
              dataIndex: "imageUrl",
              width: 64,
              render: (url: string | null) => url && <Image src={url} width={40} />,
            },
            { title: t("product.name"), dataIndex: "title" },
            { title: t("product.spec"), dataIndex: "skuLabel" },
            { title: t("order.unitPrice"), dataIndex: "unitPriceFen", render: formatFen },
            { title: t("order.quantity"), dataIndex: "quantity" },
            { title: t("order.discount"), dataIndex: "discountFen", render: formatFen },
            { title: t("order.paid"), dataIndex: "paidFen", render: formatFen },
            {
              title: t("order.refunded"),
              key: "refunded",
              render: (_, item) =>
                item.refundedQuantity ? `${item.refundedQuantity} · ${formatFen(item.refundedFen)}` : "—",
            },
          ]}
        />
      </Card>
      <Card title={t("order.parcels")}>
        {order.parcels.length === 0
          ? t("order.noParcels")
          : order.parcels.map((p) => (
              <div key={p.id} data-testid={`order-parcel-${p.id}`}>
                {p.carrier} · {p.trackingNo} · {at(p.shippedAt)}
              </div>
            ))}
      </Card>
      <Card title={t("order.merchantRemark")}>
        <Space.Compact style={{ width: "100%" }}>
          <Input
            data-testid="order-remark"
            value={remark}
            maxLength={500}
            disabled={!can("orders.fulfil")}
            onChange={(e) => setRemark(e.target.value)}
          />
          {can("orders.fulfil") && (
            <Button data-testid="order-remark-save" onClick={() => void saveRemark()}>
              {t("common.save")}
            </Button>
          )}
        </Space.Compact>
      </Card>
      <Card title={t("order.timeline")}>
        <Timeline
          items={order.timeline.map((event) => ({
            children: (
              <div>
                <b>{timelineLabel(event.kind, event.toStatus)}</b>{" "}
                <Tag>{label(`actor.${event.actorKind}`, event.actorKind)}</Tag> {at(event.at)}
                {event.note && <div style={{ color: "#888" }}>{timelineNote(event.kind, event.note, t)}</div>}
              </div>
            ),
          }))}
        />
      </Card>
      <ShipDialog orderId={id} open={shipping} onClose={() => setShipping(false)} onShipped={reload} />
    </Space>
  );
}
