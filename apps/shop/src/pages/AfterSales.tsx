// My after-sales: each request with its status, items, refund amount and the merchant's note; withdraw a
// request under review, or enter the return parcel once a return is approved.
import { Button, Dialog, ErrorBlock, InfiniteScroll, Input, Toast } from "antd-mobile";
import { useRef, useState } from "react";
import { Link } from "react-router-dom";
import { OrderLine } from "../components/OrderLine.tsx";
import { PageBar } from "../components/PageBar.tsx";
import { useI18n } from "../i18n/index.tsx";
import { api, call } from "../lib/api.ts";
import { formatTime } from "../lib/format.ts";
import { formatFen } from "../lib/money.ts";
import type { AfterSale } from "../lib/types.ts";
import { useFail } from "../lib/use-fail.ts";

export function AfterSalesPage() {
  const { t } = useI18n();
  const [rows, setRows] = useState<AfterSale[]>([]);
  const [hasMore, setHasMore] = useState(true);
  const cursor = useRef<number | undefined>(undefined);

  const loadMore = async () => {
    const page = await call(
      api.GET("/api/v1/after-sales", { params: { query: { cursor: cursor.current, limit: 10 } } }),
    );
    cursor.current = page.nextCursor ?? undefined;
    setRows((previous) => [...previous, ...page.items]);
    setHasMore(page.nextCursor !== null);
  };
  const replace = (changed: AfterSale) =>
    setRows((all) => all.map((r) => (r.id === changed.id ? changed : r)));

  return (
    <div className="page">
      <PageBar title={t("aftersale.listTitle")} back="/me" />
      {rows.map((row) => (
        <AfterSaleCard key={row.id} row={row} onChanged={replace} />
      ))}
      {!hasMore && rows.length === 0 ? (
        <ErrorBlock status="empty" title={t("aftersale.empty")} description="" />
      ) : (
        <InfiniteScroll loadMore={loadMore} hasMore={hasMore} />
      )}
    </div>
  );
}

function AfterSaleCard({ row, onChanged }: { row: AfterSale; onChanged: (row: AfterSale) => void }) {
  const { t } = useI18n();
  const fail = useFail();
  const [carrier, setCarrier] = useState("");
  const [trackingNo, setTrackingNo] = useState("");
  const path = { params: { path: { id: row.id } } };
  // the system's price difference (a group challenge's final tier): money back, no goods
  const priceDifference = row.items.length > 0 && row.items.every((i) => i.quantity === 0);

  const cancel = async () => {
    if (!(await Dialog.confirm({ content: t("aftersale.cancelConfirm") }))) return;
    await call(api.POST("/api/v1/after-sales/{id}/cancel", path)).then((r) => onChanged(r.afterSale), fail);
  };
  const shipBack = async () => {
    const body = { carrier: carrier.trim(), trackingNo: trackingNo.trim() };
    if (!body.carrier || !body.trackingNo) {
      Toast.show(t("address.required"));
      return;
    }
    await call(api.POST("/api/v1/after-sales/{id}/return-parcel", { ...path, body })).then(
      (r) => onChanged(r.afterSale),
      fail,
    );
  };

  return (
    <div
      className="card"
      data-testid="after-sale-row"
      data-status={row.status}
      data-price-difference={priceDifference}
    >
      <div className="card-head">
        <Link to={`/orders/${row.orderId}`} className="small muted">
          {priceDifference ? t("aftersale.priceDifference") : t(`aftersale.kind.${row.kind}`)} ·{" "}
          {formatTime(row.createdAt)}
        </Link>
        <span className="order-status">{t(`aftersale.status.${row.status}`)}</span>
      </div>
      <Link
        to={`/service?kind=after_sale&id=${row.id}`}
        className="service-entry small"
        data-testid="after-sale-service"
      >
        {t("service.entry")}
      </Link>
      {priceDifference && <div className="muted small">{row.reason}</div>}
      {row.items.map((item) => (
        <OrderLine key={item.orderItemId} line={item} />
      ))}
      <div className="order-row-total">{t("aftersale.refundFen", { amount: formatFen(row.refundFen) })}</div>
      {row.merchantNote && (
        <div className="muted small">{t("aftersale.note", { note: row.merchantNote })}</div>
      )}
      {row.refundAdjustReason && row.requestedRefundFen !== null && (
        <div className="muted small">
          {t("aftersale.adjusted", {
            requested: formatFen(row.requestedRefundFen),
            refund: formatFen(row.refundFen),
            reason: row.refundAdjustReason,
          })}
        </div>
      )}
      {row.kind === "return_refund" && (row.status === "approved" || row.status === "awaiting_return") && (
        <div className="return-address" data-testid="after-sale-return-address">
          {row.returnAddress ? (
            <>
              <div className="small muted">{t("aftersale.returnTo")}</div>
              <div>{t("aftersale.returnToLine", row.returnAddress)}</div>
              <div>{row.returnAddress.address}</div>
            </>
          ) : (
            <div className="small muted">{t("aftersale.noReturnAddress")}</div>
          )}
        </div>
      )}
      {row.kind === "return_refund" && row.status === "approved" && (
        <div className="ship-back">
          <div className="small">{t("aftersale.shipBackHint")}</div>
          <Input
            placeholder={t("aftersale.returnCarrier")}
            value={carrier}
            onChange={setCarrier}
            maxLength={30}
            data-testid="after-sale-carrier"
          />
          <Input
            placeholder={t("aftersale.returnTrackingNo")}
            value={trackingNo}
            onChange={setTrackingNo}
            maxLength={40}
            data-testid="after-sale-tracking"
          />
          <Button size="small" color="danger" onClick={shipBack} data-testid="after-sale-ship-back">
            {t("aftersale.shipBack")}
          </Button>
        </div>
      )}
      {row.status === "requested" && (
        <div className="order-actions">
          <Button size="small" shape="rounded" onClick={cancel} data-testid="after-sale-cancel">
            {t("aftersale.cancel")}
          </Button>
        </div>
      )}
    </div>
  );
}
