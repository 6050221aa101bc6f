// 预约时段: a service product's booking slots (time, places, taken, cancel rule) and its bookings. Staff with
// catalog.write add slots, change places (never below those booked) and the time (only while nobody booked),
// and delete a slot nobody booked; the server refuses anything else with a code the message names.
import { Button, Card, DatePicker, Form, InputNumber, Modal, Popconfirm, Space, Table, Tag } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { useI18n } from "../../i18n/index.tsx";
import { useAuth } from "../../lib/auth.tsx";
import { formatTime } from "../../lib/time.ts";
import { useNotify } from "../../lib/use-notify.ts";
import { ProductSelect } from "../marketing/ProductSelect.tsx";
import { offersApi, type Slot, type SlotBooking } from "./offers-api.ts";

type Values = { window: [Dayjs, Dayjs]; capacity: number; cancelBeforeHours: number };

function SlotEditor(props: {
  productId: number;
  slot: Slot | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { failed, done } = useNotify();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const { slot } = props;
  const initial: Values = slot
    ? {
        window: [dayjs(slot.startsAt), dayjs(slot.endsAt)],
        capacity: slot.capacity,
        cancelBeforeHours: slot.cancelBeforeHours,
      }
    : {
        window: [dayjs().add(1, "day").startOf("hour"), dayjs().add(1, "day").startOf("hour").add(1, "hour")],
        capacity: 10,
        cancelBeforeHours: 24,
      };
  async function save(v: Values) {
    const body = {
      startsAt: v.window[0].toISOString(),
      endsAt: v.window[1].toISOString(),
      capacity: v.capacity,
      cancelBeforeHours: v.cancelBeforeHours,
    };
    setSaving(true);
    try {
      if (slot) await offersApi.editSlot(slot.id, body);
      else await offersApi.createSlot({ ...body, productId: props.productId });
      done();
      props.onSaved();
    } catch (error) {
      failed(error);
    } finally {
      setSaving(false);
    }
  }
  // a booked shopper chose that time: it stays, and places go no lower than those taken
  const booked = slot?.booked ?? 0;
  return (
    <Modal
      open
      title={t(slot ? "slot.edit" : "slot.create")}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: saving, "data-testid": "slot-save" } as never}
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={save}>
        <Form.Item
          name="window"
          label={t("slot.time")}
          rules={[{ required: true }]}
          extra={booked > 0 ? t("slot.timeFixed") : undefined}
        >
          <DatePicker.RangePicker
            showTime={{ format: "HH:mm" }}
            format="YYYY-MM-DD HH:mm"
            disabled={booked > 0}
          />
        </Form.Item>
        <Form.Item
          name="capacity"
          label={t("slot.capacity")}
          rules={[{ required: true }]}
          extra={booked > 0 ? t("slot.capacityFloor", { n: booked }) : undefined}
        >
          <InputNumber min={Math.max(1, booked)} max={10_000} precision={0} data-testid="slot-capacity" />
        </Form.Item>
        <Form.Item name="cancelBeforeHours" label={t("slot.cancelBefore")} rules={[{ required: true }]}>
          <InputNumber min={0} max={720} precision={0} addonAfter={t("slot.hours")} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ServiceSlotsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const [productId, setProductId] = useState<number | undefined>();
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [bookings, setBookings] = useState<SlotBooking[]>([]);
  const [editing, setEditing] = useState<Slot | "new" | null>(null);
  const writable = can("catalog.write");

  const reload = useCallback(() => {
    if (!productId) return;
    offersApi.slots(productId).then(setSlots, failed);
    offersApi.bookings(productId).then(setBookings, failed);
  }, [productId, failed]);
  useEffect(reload, [reload]);

  const remove = async (slot: Slot) => {
    try {
      await offersApi.deleteSlot(slot.id);
      done();
      reload();
    } catch (error) {
      failed(error);
    }
  };

  return (
    <Space direction="vertical" style={{ width: "100%" }} size="large">
      <Card
        title={t("nav.serviceSlots")}
        extra={
          writable &&
          productId && (
            <Button type="primary" onClick={() => setEditing("new")} data-testid="slot-create">
              {t("slot.create")}
            </Button>
          )
        }
      >
        <Space style={{ marginBottom: 16 }}>
          <span>{t("slot.product")}</span>
          <div style={{ width: 320 }}>
            <ProductSelect
              value={productId}
              onChange={(v: number) => setProductId(v)}
              testId="slot-product"
            />
          </div>
        </Space>
        <Table<Slot>
          rowKey="id"
          pagination={false}
          loading={productId !== undefined && slots === null}
          dataSource={slots ?? []}
          locale={{ emptyText: t(productId ? "slot.none" : "slot.pickProduct") }}
          onRow={(s) => ({ "data-testid": "slot-row", "data-slot-id": s.id }) as never}
          columns={[
            {
              title: t("slot.time"),
              key: "time",
              render: (_, s) => `${formatTime(s.startsAt)} ~ ${dayjs(s.endsAt).format("HH:mm")}`,
            },
            { title: t("slot.capacity"), dataIndex: "capacity" },
            { title: t("slot.booked"), dataIndex: "booked" },
            {
              title: t("slot.left"),
              dataIndex: "left",
              render: (n: number) => <Tag color={n === 0 ? "red" : "green"}>{n}</Tag>,
            },
            {
              title: t("slot.cancelBefore"),
              dataIndex: "cancelBeforeHours",
              render: (h: number) => `${h} ${t("slot.hours")}`,
            },
            {
              title: "",
              key: "actions",
              render: (_, s) =>
                writable && (
                  <Space>
                    <Button size="small" onClick={() => setEditing(s)}>
                      {t("common.edit")}
                    </Button>
                    <Popconfirm
                      title={t("common.confirmDelete")}
                      onConfirm={() => remove(s)}
                      disabled={s.booked > 0}
                    >
                      <Button
                        size="small"
                        danger
                        disabled={s.booked > 0}
                        title={s.booked > 0 ? t("slot.deleteBooked") : undefined}
                      >
                        {t("common.delete")}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      {productId && (
        <Card title={t("slot.bookings")}>
          <Table<SlotBooking>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={bookings}
            data-testid="slot-bookings"
            columns={[
              { title: t("slot.time"), key: "time", render: (_, b) => formatTime(b.startsAt) },
              { title: t("slot.order"), dataIndex: "orderNo" },
              { title: t("slot.shopper"), key: "who", render: (_, b) => `${b.nickname} ${b.phone ?? ""}` },
              {
                title: t("promo.state"),
                dataIndex: "status",
                render: (s: SlotBooking["status"]) => (
                  <Tag color={s === "booked" ? "green" : "default"}>{t(`slot.status.${s}`)}</Tag>
                ),
              },
              { title: t("slot.bookedAt"), dataIndex: "bookedAt", render: formatTime },
            ]}
          />
        </Card>
      )}
      {editing && productId && (
        <SlotEditor
          productId={productId}
          slot={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
    </Space>
  );
}
