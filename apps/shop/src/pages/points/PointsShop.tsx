// 积分商城: the goods offered for points (or points + cash), with what is left and the per-person limit; a
// signed-in shopper taps 兑换, checks the address (none for a course), and confirms: the order is placed with
// the points taken, paid already when points cover it, else waiting on its page for the cash part.
import { Button, Dialog, ErrorBlock, Image, Popup, Skeleton } from "antd-mobile";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { AddressCard } from "../../components/AddressCard.tsx";
import { AddressChooser } from "../../components/AddressChooser.tsx";
import { PageBar } from "../../components/PageBar.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useAuth } from "../../lib/auth.tsx";
import { newIdempotencyKey } from "../../lib/idempotency.ts";
import { formatFen } from "../../lib/money.ts";
import { type PointsShopItem, pointsApi } from "../../lib/points-api.ts";
import type { Address } from "../../lib/types.ts";
import { useFail } from "../../lib/use-fail.ts";
import { useLoad } from "../../lib/use-load.ts";

function priceText(item: PointsShopItem, t: ReturnType<typeof useI18n>["t"]) {
  return item.cashFen > 0
    ? t("pointsShop.pointsAndCash", { n: item.points, cash: formatFen(item.cashFen) })
    : t("pointsShop.pointsOnly", { n: item.points });
}

function RedeemSheet({ item, onClose }: { item: PointsShopItem; onClose: () => void }) {
  const { t } = useI18n();
  const fail = useFail();
  const navigate = useNavigate();
  const shipped = item.kind !== "service";
  const [addresses] = useLoad(async () => (shipped ? call(api.GET("/api/v1/addresses")) : []));
  const [chosenId, setChosenId] = useState<number | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const list: Address[] = addresses ?? [];
  const address = list.find((a) => a.id === chosenId) ?? list.find((a) => a.isDefault) ?? list[0] ?? null;

  const confirm = async () => {
    if (shipped && !address) {
      setChoosing(true);
      return;
    }
    setBusy(true);
    try {
      const order = await pointsApi.redeem(item.id, shipped ? address!.id : null, key);
      await Dialog.alert({
        content:
          order.payableFen > 0
            ? t("pointsShop.payRest", { amount: formatFen(order.payableFen) })
            : t("pointsShop.done"),
      });
      navigate(`/orders/${order.id}`);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Popup visible onMaskClick={onClose} bodyClassName="sku-popup">
      <div className="points-redeem" data-testid="points-redeem-sheet">
        <div className="points-item-row">
          <Image src={item.imageUrl ?? ""} width={64} height={64} fit="cover" />
          <div>
            <div>{item.title}</div>
            {item.skuLabel && <div className="muted small">{item.skuLabel}</div>}
            <div className="price-now">{priceText(item, t)}</div>
          </div>
        </div>
        {shipped ? (
          <button
            type="button"
            className="card checkout-address"
            onClick={() => setChoosing(true)}
            data-testid="points-redeem-address"
          >
            {address ? (
              <AddressCard address={address} />
            ) : (
              <span className="muted">{t("checkout.chooseAddress")}</span>
            )}
            <span className="muted">›</span>
          </button>
        ) : (
          <div className="muted small">{t("checkout.byRedemptionCode")}</div>
        )}
        <Button
          block
          color="danger"
          shape="rounded"
          loading={busy}
          onClick={confirm}
          data-testid="points-redeem-confirm"
        >
          {t("pointsShop.confirm", { price: priceText(item, t) })}
        </Button>
      </div>
      <AddressChooser
        visible={choosing}
        addresses={list}
        chosenId={address?.id ?? null}
        onChoose={(id) => {
          setChosenId(id);
          setChoosing(false);
        }}
        onClose={() => setChoosing(false)}
      />
    </Popup>
  );
}

export function PointsShopPage() {
  const { t } = useI18n();
  const { signedIn } = useAuth();
  const navigate = useNavigate();
  const [items] = useLoad(() => pointsApi.items());
  const [mine] = useLoad(async () => (signedIn ? pointsApi.mine() : null), signedIn ? "in" : "out");
  const [redeeming, setRedeeming] = useState<PointsShopItem | null>(null);

  return (
    <div className="page points-shop-page" data-testid="points-shop">
      <PageBar title={t("pointsShop.title")} />
      {mine && (
        <div className="card points-rule" data-testid="points-shop-balance">
          {t("points.spendableN", { n: mine.points })}
        </div>
      )}
      {!items ? (
        <Skeleton.Paragraph lineCount={6} animated />
      ) : items.length === 0 ? (
        <ErrorBlock status="empty" title={t("pointsShop.empty")} description="" />
      ) : (
        <div className="points-items">
          {items.map((item) => (
            <div key={item.id} className="card points-item" data-testid="points-shop-item">
              <Image src={item.imageUrl ?? ""} className="points-item-image" fit="cover" />
              <div className="points-item-title">{item.title}</div>
              <div className="price-now" data-testid="points-shop-price">
                {priceText(item, t)}
              </div>
              <div className="muted small">
                {item.stock > 0 ? t("pointsShop.left", { n: item.stock }) : t("pointsShop.soldOut")}
                {item.perPersonLimit !== null && ` · ${t("pointsShop.limit", { n: item.perPersonLimit })}`}
              </div>
              <Button
                size="small"
                color="danger"
                shape="rounded"
                disabled={item.stock <= 0}
                onClick={() => (signedIn ? setRedeeming(item) : navigate("/login?redirect=%2Fpoints-shop"))}
                data-testid="points-shop-redeem"
              >
                {t("pointsShop.redeem")}
              </Button>
            </div>
          ))}
        </div>
      )}
      {redeeming && <RedeemSheet item={redeeming} onClose={() => setRedeeming(null)} />}
    </div>
  );
}
