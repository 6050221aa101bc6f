// Manual stock change of one SKU (+ received goods, − damaged), with the note the stock log keeps.
import { Form, Input, InputNumber, Modal } from "antd";
import { useI18n } from "../i18n/index.tsx";
import { api, call } from "../lib/api.ts";
import { useNotify } from "../lib/use-notify.ts";

type Props = { skuId: number | null; onClose: () => void; onAdjusted: (stock: number) => void };

export function StockAdjustDialog({ skuId, onClose, onAdjusted }: Props) {
  const { t } = useI18n();
  const { failed, done } = useNotify();
  const [form] = Form.useForm<{ delta: number; note: string }>();

  async function submit(body: { delta: number; note: string }) {
    if (skuId === null) return;
    try {
      const result = await call(
        api.POST("/api/admin/v1/skus/{id}/stock-adjustments", { params: { path: { id: skuId } }, body }),
      );
      done();
      form.resetFields();
      onAdjusted(result.stock);
      onClose();
    } catch (error) {
      failed(error);
    }
  }

  return (
    <Modal
      open={skuId !== null}
      title={t("stock.adjust")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ "data-testid": "stock-adjust-submit" }}
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="delta"
          label={t("stock.delta")}
          extra={t("stock.deltaHint")}
          rules={[
            { required: true },
            {
              validator: (_, v) =>
                v === 0 ? Promise.reject(new Error(t("stock.deltaZero"))) : Promise.resolve(),
            },
          ]}
        >
          <InputNumber data-testid="stock-adjust-delta" precision={0} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="note" label={t("stock.note")} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="stock-adjust-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
