// The order page's 物流信息: each parcel with its carrier, number and route from the carrier (newest scan
// first), or a plain word on why there is no route yet. The server asks the carrier when a refresh is due.
import { Steps } from "antd-mobile";
import { useEffect, useState } from "react";
import { useI18n } from "../i18n/index.tsx";
import { api, call } from "../lib/api.ts";
import { formatTime } from "../lib/format.ts";
import type { Order } from "../lib/types.ts";

type Track = Awaited<ReturnType<typeof loadTracks>>["items"][number];

function loadTracks(orderId: number) {
  return call(api.GET("/api/v1/orders/{id}/parcels", { params: { path: { id: orderId } } }));
}

export function ParcelRoutes({ order }: { order: Order }) {
  const { t } = useI18n();
  const [tracks, setTracks] = useState<Track[]>([]);

  useEffect(() => {
    // a route that cannot be read leaves the parcels listed as shipped; the order page itself is unaffected
    loadTracks(order.id).then(
      (r) => setTracks(r.items),
      () => setTracks([]),
    );
  }, [order.id]);

  return (
    <div className="card" data-testid="order-parcels">
      <div className="card-head">{t("order.logistics")}</div>
      {order.parcels.map((p, index) => {
        const track = tracks.find((x) => x.shipmentId === p.id);
        return (
          <div key={p.id} className="parcel" data-testid="parcel" data-state={track?.state ?? ""}>
            <div className="order-meta">
              {t("order.parcel", { n: index + 1 })} · {p.carrier}{" "}
              <span data-testid="order-tracking-no">{p.trackingNo}</span> · {formatTime(p.shippedAt)}
            </div>
            {track && (
              <div className="parcel-state" data-testid="parcel-state">
                {t(`parcel.state.${track.state}`)}
                {track.lastError && (
                  <span className="parcel-note"> · {t(`parcel.error.${errorKey(track.lastError)}`)}</span>
                )}
              </div>
            )}
            {track && track.events.length > 0 && (
              <div data-testid="parcel-route">
                <Steps direction="vertical" current={0}>
                  {track.events.map((e) => (
                    <Steps.Step key={`${e.at}-${e.text}`} title={e.text} description={formatTime(e.at)} />
                  ))}
                </Steps>
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}

function errorKey(code: string): "unsupported" | "later" {
  return code === "unsupported_carrier" ? "unsupported" : "later";
}
