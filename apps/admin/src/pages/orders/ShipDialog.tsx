// Shipping an order: one or more parcels, each a carrier and a tracking number.
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { AutoComplete, Button, Form, Input, Modal, Space } from "antd";
import { useState } from "react";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useNotify } from "../../lib/use-notify.ts";

const carriers = ["顺丰速运", "中通快递", "圆通速递", "韵达快递", "申通快递", "京东物流", "EMS", "极兔速递"];
type Parcel = { carrier: string; trackingNo: string };

type Props = { orderId: number; open: boolean; onClose: () => void; onShipped: () => void };

export function ShipDialog({ orderId, open, onClose, onShipped }: Props) {
  const { t } = useI18n();
  const { failed, done } = useNotify();
  const [form] = Form.useForm<{ parcels: Parcel[] }>();
  const [busy, setBusy] = useState(false);

  async function submit({ parcels }: { parcels: Parcel[] }) {
    setBusy(true);
    try {
      await call(
        api.POST("/api/admin/v1/orders/{id}/ship", { params: { path: { id: orderId } }, body: { parcels } }),
      );
      done("order.shipped");
      onShipped();
      onClose();
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t("order.ship")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okButtonProps={{ "data-testid": "ship-submit" }}
    >
      <Form form={form} onFinish={submit} initialValues={{ parcels: [{ carrier: "", trackingNo: "" }] }}>
        <Form.List name="parcels">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} align="baseline">
                  <Form.Item
                    name={[field.name, "carrier"]}
                    rules={[{ required: true, message: t("order.carrierRequired") }]}
                  >
                    <AutoComplete style={{ width: 160 }} options={carriers.map((c) => ({ value: c }))}>
                      <Input data-testid={`ship-carrier-${i}`} placeholder={t("order.carrier")} />
                    </AutoComplete>
                  </Form.Item>
                  <Form.Item
                    name={[field.name, "trackingNo"]}
                    rules={[
                      { required: true, pattern: /^[A-Za-z0-9-]{4,40}$/, message: t("order.trackingRule") },
                    ]}
                  >
                    <Input
                      data-testid={`ship-tracking-${i}`}
                      style={{ width: 220 }}
                      placeholder={t("order.trackingNo")}
                    />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} />}
                </Space>
              ))}
              {fields.length < 10 && (
                <Button
                  data-testid="ship-add-parcel"
                  icon={<PlusOutlined />}
                  onClick={() => add({ carrier: "", trackingNo: "" })}
                >
                  {t("order.addParcel")}
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
