// For an active distributor, the product page's share button: a sheet with what they would earn (分享预计赚),
// their short product link to copy (the group challenge's link when the product is in one: it opens the
// challenge), and the product poster drawn by the server to long-press and save.
import { Button, Popup, SpinLoading, Toast } from "antd-mobile";
import { useEffect, useState } from "react";
import { useI18n } from "../i18n/index.tsx";
import { useAuth } from "../lib/auth.tsx";
import { copyText } from "../lib/clipboard.ts";
import { useShopActivities } from "../lib/marketing.ts";
import { formatFen } from "../lib/money.ts";
import { sharingApi } from "../lib/sharing-api.ts";
import { storefrontApi } from "../lib/storefront-api.ts";
import { trackShare } from "../lib/tracking.ts";
import { useFail } from "../lib/use-fail.ts";
import { ShareIcon } from "./icons.tsx";

type Share = Awaited<ReturnType<typeof sharingApi.share>>;

export function ShareButton({ productId }: { productId: number }) {
  const { t } = useI18n();
  const { signedIn } = useAuth();
  const fail = useFail();
  const [share, setShare] = useState<Share | null>(null);
  const [open, setOpen] = useState(false);
  const [poster, setPoster] = useState<string | null | "loading">(null);
  const challengeId = useShopActivities().find(
    (a) => a.kind === "group_challenge" && a.skus.some((s) => s.productId === productId),
  )?.id;

  useEffect(() => {
    if (!signedIn) return;
    let live = true;
    sharingApi.share(productId, challengeId).then(
      (s) => live && setShare(s),
      () => live && setShare(null),
    );
    return () => {
      live = false;
    };
  }, [signedIn, productId, challengeId]);

  if (!share?.productLink) return null;
  const link = share.activityLink ?? share.productLink;
  const estimate = share.estimate;
  const earn = estimate
    ? estimate.minFen === estimate.maxFen
      ? formatFen(estimate.minFen)
      : `${formatFen(estimate.minFen)}–${formatFen(estimate.maxFen)}`
    : null;
  const copy = async () => {
    trackShare(share.code, productId, "copy_link");
    if (await copyText(link)) Toast.show({ icon: "success", content: t("dist.shareCopied") });
  };
  const makePoster = async () => {
    setPoster("loading");
    trackShare(share.code, productId, "poster");
    try {
      setPoster(await sharingApi.productPoster(productId));
    } catch {
      setPoster(null);
      Toast.show({ icon: "fail", content: t("share.posterFailed") });
    }
  };
  const addToStore = async () => {
    try {
      await storefrontApi.pick(productId);
      Toast.show({ icon: "success", content: t("store.added") });
    } catch (error) {
      fail(error);
    }
  };
  return (
    <>
      <button
        type="button"
        className="plain-button share-button"
        onClick={() => setOpen(true)}
        data-testid="product-share"
      >
        <ShareIcon /> {t("dist.share")}
      </button>
      <Popup
        visible={open}
        onMaskClick={() => setOpen(false)}
        bodyStyle={{ padding: 16, maxHeight: "90vh", overflow: "auto" }}
      >
        {earn && (
          <div className="share-earn" data-testid="share-estimate">
            {t("share.estimate", { amount: earn })}
          </div>
        )}
        {share.activityLink && <div className="small muted">{t("share.challengeLink")}</div>}
        <div className="dist-link small" data-testid="share-link">
          {link}
        </div>
        <div className="dist-copy-row">
          <Button shape="rounded" onClick={copy} data-testid="share-copy">
            {t("dist.copyLink")}
          </Button>
          <Button shape="rounded" color="danger" onClick={makePoster} data-testid="share-poster">
            {t("share.poster")}
          </Button>
          <Button shape="rounded" onClick={addToStore} data-testid="share-add-to-store">
            {t("store.addToMine")}
          </Button>
        </div>
        {poster === "loading" && <SpinLoading style={{ margin: "16px auto" }} />}
        {poster && poster !== "loading" && (
          <div style={{ textAlign: "center", marginTop: 12 }}>
            <img
              src={poster}
              alt={t("share.poster")}
              style={{ width: "80%" }}
              data-testid="share-poster-image"
            />
            <div className="small muted">{t("share.longPress")}</div>
          </div>
        )}
      </Popup>
    </>
  );
}
