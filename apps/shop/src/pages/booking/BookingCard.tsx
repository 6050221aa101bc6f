// The order page's booking of a service order (预约): the slot booked, with cancel while the slot's rule allows;
// or, paid and not yet redeemed, the product's slots with places left to pick one. Booking comes after payment
// (the server books only paid orders), so this is where the slot is chosen.
import { Button, Dialog, Radio, Space, Toast } from "antd-mobile";
import { useCallback, useEffect, useState } from "react";
import { useI18n } from "../../i18n/index.tsx";
import "../../components/offers.css";
import { formatTime } from "../../lib/format.ts";
import { useFail } from "../../lib/use-fail.ts";
import { type Booking, bookingApi, type ShopSlot } from "./booking-api.ts";

export function BookingCard({
  order,
}: {
  order: { id: number; status: string; items: { productId: number }[] };
}) {
  const { t } = useI18n();
  const fail = useFail();
  const [booking, setBooking] = useState<Booking | null | undefined>(undefined);
  const [slots, setSlots] = useState<ShopSlot[]>([]);
  const [chosen, setChosen] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const productId = order.items[0]?.productId;
  const open = order.status === "shipped";

  const reload = useCallback(() => {
    bookingApi.booking(order.id).then((b) => setBooking(b.booking), fail);
    if (productId && open) bookingApi.slots(productId).then(setSlots, fail);
  }, [order.id, productId, open, fail]);
  useEffect(reload, [reload]);

  if (booking === undefined) return null;
  if (!booking && (!open || slots.length === 0)) return null;

  const act = async (run: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await run();
      Toast.show({ icon: "success", content: done });
      setChosen(null);
      reload();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };
  const cancel = async () => {
    if (await Dialog.confirm({ content: t("booking.cancelConfirm") }))
      await act(() => bookingApi.cancel(order.id), t("booking.cancelled"));
  };

  if (booking)
    return (
      <div className="card booking-card" data-testid="booking-card" data-slot-id={booking.slot.id}>
        <div className="booking-label">{t("booking.booked")}</div>
        <div className="booking-time" data-testid="booking-time">
          {formatTime(booking.slot.startsAt)} ~ {formatTime(booking.slot.endsAt).slice(11)}
        </div>
        {open && (
          <Button size="small" onClick={cancel} loading={busy} data-testid="booking-cancel">
            {t("booking.cancel", { h: booking.slot.cancelBeforeHours })}
          </Button>
        )}
      </div>
    );
  return (
    <div className="card booking-card" data-testid="booking-picker">
      <div className="booking-label">{t("booking.pick")}</div>
      <Radio.Group value={chosen} onChange={(v) => setChosen(Number(v))}>
        <Space direction="vertical">
          {slots.map((s) => (
            <Radio key={s.id} value={s.id} disabled={s.left === 0} data-testid="booking-slot">
              {formatTime(s.startsAt)} ~ {formatTime(s.endsAt).slice(11)}
              <span className="muted small">
                {" "}
                {s.left === 0 ? t("booking.full") : t("booking.left", { n: s.left })}
              </span>
            </Radio>
          ))}
        </Space>
      </Radio.Group>
      <Button
        block
        color="primary"
        disabled={chosen === null}
        loading={busy}
        onClick={() => {
          if (chosen !== null) act(() => bookingApi.book(order.id, chosen), t("booking.done"));
        }}
        data-testid="booking-submit"
      >
        {t("booking.submit")}
      </Button>
    </div>
  );
}
