// 拼团 activity: the product at its group price, how many people a group needs and how long it waits; the
// shopper picks a SKU and opens a group, which places their order (paid on the order page).
import { Button, ErrorBlock, Image, Selector, Skeleton, Toast } from "antd-mobile";
import { useEffect, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { PageBar } from "../../components/PageBar.tsx";
import { Price } from "../../components/Price.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { useAuth } from "../../lib/auth.tsx";
import { copyText } from "../../lib/clipboard.ts";
import { formatFen } from "../../lib/money.ts";
import { sharingApi } from "../../lib/sharing-api.ts";
import { useFail } from "../../lib/use-fail.ts";
import { type GroupBuy, loadGroupBuy, openGroup } from "./group-api.ts";

export function GroupBuyPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const { signedIn } = useAuth();
  const fail = useFail();
  const [activity, setActivity] = useState<GroupBuy | null>(null);
  const [missing, setMissing] = useState(false);
  const [skuId, setSkuId] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);

  const [shareLink, setShareLink] = useState<string | null>(null);
  useEffect(() => {
    if (signedIn)
      sharingApi.activity({ groupBuyId: id }).then(
        (share) => setShareLink(share.activityLink),
        () => setShareLink(null),
      );
  }, [id, signedIn]);

  useEffect(() => {
    loadGroupBuy(id).then(
      (a) => {
        setActivity(a);
        setSkuId(a.items[0]?.skuId ?? null);
      },
      () => setMissing(true),
    );
  }, [id]);

  if (missing) return <ErrorBlock status="empty" title={t("group.missing")} description="" />;
  if (!activity) return <Skeleton.Paragraph lineCount={6} animated />;
  const item = activity.items.find((i) => i.skuId === skuId) ?? activity.items[0]!;

  const start = async () => {
    if (!signedIn) return navigate(`/login?redirect=${encodeURIComponent(`/group-buys/${id}`)}`);
    setBusy(true);
    try {
      const placed = await openGroup(id, item.skuId, activity.productKind !== "service");
      navigate(`/orders/${placed.order.id}?group=${placed.group.id}`);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page group-buy-page" data-testid="group-buy-page">
      <PageBar title={t("group.title")} />
      {activity.imageUrl && <Image src={activity.imageUrl} className="group-buy-image" fit="contain" />}
      <div className="card">
        <div className="group-badge">{t("group.badge", { size: activity.groupSize })}</div>
        <h2 className="group-buy-title">{activity.productTitle}</h2>
        <Price fen={item.groupPriceFen} original={item.priceFen} size="l" />
        <div className="muted">
          {t("group.rules", { size: activity.groupSize, hours: Math.round(activity.timeLimitMinutes / 60) })}
        </div>
        {activity.leaderDiscountFen > 0 && (
          <div className="muted">
            {t("group.leaderDiscount", { amount: formatFen(activity.leaderDiscountFen) })}
          </div>
        )}
      </div>
      {shareLink && (
        <div className="card">
          <Button
            block
            shape="rounded"
            onClick={async () => {
              if (await copyText(shareLink)) Toast.show({ content: t("group.linkCopied") });
            }}
            data-testid="group-buy-share"
          >
            {t("group.shareAsDistributor")}
          </Button>
          <div className="dist-link small" data-testid="group-buy-share-link">
            {shareLink}
          </div>
        </div>
      )}
      {activity.items.length > 1 && (
        <div className="card">
          <Selector
            columns={2}
            value={[item.skuId]}
            onChange={(v) => v[0] && setSkuId(v[0])}
            options={activity.items.map((i) => ({
              value: i.skuId,
              label: i.specValues.join(" / ") || String(i.skuId),
            }))}
          />
        </div>
      )}
      <div className="action-bar">
        <Button
          block
          color="danger"
          shape="rounded"
          loading={busy}
          disabled={item.stock === 0}
          onClick={start}
          data-testid="group-open"
        >
          {t("group.open")}
        </Button>
      </div>
    </div>
  );
}
