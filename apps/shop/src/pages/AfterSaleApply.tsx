// Apply for an after-sale on an order: refund only or return and refund, which items and how many, a reason,
// a description and photos. The server decides the refund amount.
import {
  Button,
  Checkbox,
  ImageUploader,
  type ImageUploadItem,
  Radio,
  Selector,
  Skeleton,
  Stepper,
  TextArea,
  Toast,
} from "antd-mobile";
import { useEffect, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { OrderLine } from "../components/OrderLine.tsx";
import { PageBar } from "../components/PageBar.tsx";
import { useI18n } from "../i18n/index.tsx";
import { api, call } from "../lib/api.ts";
import type { Order } from "../lib/types.ts";
import { uploadImage } from "../lib/upload.ts";
import { useFail } from "../lib/use-fail.ts";

type Kind = "refund_only" | "return_refund";

export function AfterSaleApplyPage() {
  const { t } = useI18n();
  const fail = useFail();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const [order, setOrder] = useState<Order | null>(null);
  const [kind, setKind] = useState<Kind>("refund_only");
  const [chosen, setChosen] = useState<Record<number, number>>({});
  const [reason, setReason] = useState<string | null>(null);
  const [description, setDescription] = useState("");
  const [photos, setPhotos] = useState<ImageUploadItem[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call(api.GET("/api/v1/orders/{id}", { params: { path: { id } } })).then((o) => {
      setOrder(o);
      const open = o.items.filter((i) => i.quantity > i.refundedQuantity);
      if (open.length === 1) setChosen({ [open[0]!.id]: open[0]!.quantity - open[0]!.refundedQuantity });
    }, fail);
  }, [id, fail]);

  if (!order) return <Skeleton.Paragraph lineCount={8} animated />;

  const reasons = t("aftersale.reasons").split("|");
  const items = Object.entries(chosen).map(([orderItemId, quantity]) => ({
    orderItemId: Number(orderItemId),
    quantity,
  }));
  const toggle = (itemId: number, max: number, on: boolean) =>
    setChosen(({ [itemId]: _, ...rest }) => (on ? { ...rest, [itemId]: max } : rest));

  const submit = async () => {
    if (items.length === 0) {
      Toast.show(t("aftersale.needItems"));
      return;
    }
    if (!reason) {
      Toast.show(t("aftersale.reasonPlaceholder"));
      return;
    }
    setBusy(true);
    try {
      const body = { kind, items, reason, description, photos: photos.map((p) => p.url) };
      await call(api.POST("/api/v1/orders/{id}/after-sales", { params: { path: { id } }, body }));
      Toast.show({ icon: "success", content: t("aftersale.submitted") });
      navigate("/after-sales", { replace: true });
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page" data-testid="after-sale-form">
      <PageBar title={t("aftersale.title")} />
      <div className="card">
        <div className="card-head">{t("aftersale.kind")}</div>
        <Radio.Group value={kind} onChange={(v) => setKind(v as Kind)}>
          <div className="radio-row">
            <Radio value="refund_only" data-testid="after-sale-kind-refund_only">
              {t("aftersale.kind.refund_only")}
            </Radio>
            <Radio value="return_refund" data-testid="after-sale-kind-return_refund">
              {t("aftersale.kind.return_refund")}
            </Radio>
          </div>
        </Radio.Group>
      </div>
      <div className="card">
        <div className="card-head">{t("aftersale.items")}</div>
        {order.items.map((item) => {
          const max = item.quantity - item.refundedQuantity;
          const quantity = chosen[item.id];
          return (
            <div key={item.id} className="after-sale-item" data-testid="after-sale-item">
              <Checkbox
                checked={quantity !== undefined}
                disabled={max <= 0}
                onChange={(on) => toggle(item.id, max, on)}
                data-testid="after-sale-item-select"
              />
              <OrderLine
                line={item}
                extra={
                  quantity !== undefined && (
                    <Stepper
                      min={1}
                      max={max}
                      value={quantity}
                      onChange={(q) => setChosen((all) => ({ ...all, [item.id]: q }))}
                      data-testid="after-sale-item-quantity"
                    />
                  )
                }
              />
            </div>
          );
        })}
      </div>
      <div className="card">
        <div className="card-head">{t("aftersale.reason")}</div>
        <Selector
          columns={2}
          options={reasons.map((r) => ({ label: r, value: r }))}
          value={reason ? [reason] : []}
          onChange={(v) => setReason(v[0] ?? null)}
          data-testid="after-sale-reason"
        />
        <div className="card-head mt">{t("aftersale.description")}</div>
        <TextArea
          value={description}
          onChange={setDescription}
          maxLength={500}
          showCount
          placeholder={t("aftersale.descriptionPlaceholder")}
          data-testid="after-sale-description"
        />
        <div className="card-head mt">{t("aftersale.photos")}</div>
        <ImageUploader
          value={photos}
          onChange={setPhotos}
          maxCount={9}
          upload={async (file) => {
            try {
              return { url: await uploadImage(file) };
            } catch (error) {
              fail(error);
              throw error;
            }
          }}
          data-testid="after-sale-photos"
        />
      </div>
      <div className="action-bar">
        <Button
          block
          color="danger"
          shape="rounded"
          loading={busy}
          onClick={submit}
          data-testid="after-sale-submit"
        >
          {t("aftersale.submit")}
        </Button>
      </div>
    </div>
  );
}
