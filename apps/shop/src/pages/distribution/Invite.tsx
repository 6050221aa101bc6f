// Invite friends: my invite link and code, a QR code of the link to show or screenshot, and copy buttons.
import { Button, Skeleton, Toast } from "antd-mobile";
import QRCode from "qrcode";
import { useEffect, useState } from "react";
import { PageBar } from "../../components/PageBar.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { copyText } from "../../lib/clipboard.ts";
import { distributionApi } from "../../lib/distribution-api.ts";
import { sharingApi } from "../../lib/sharing-api.ts";
import { useShop } from "../../lib/shop.tsx";
import { trackShare } from "../../lib/tracking.ts";
import { useLoad } from "../../lib/use-load.ts";

export function InvitePage() {
  const { t } = useI18n();
  const shop = useShop();
  const [me] = useLoad(distributionApi.me);
  const [qr, setQr] = useState<string | null>(null);
  const [poster, setPoster] = useState<string | null>(null);
  const makePoster = async () => {
    if (me?.inviteCode) trackShare(me.inviteCode, undefined, "invite_poster");
    try {
      setPoster(await sharingApi.invitePoster());
    } catch {
      Toast.show({ icon: "fail", content: t("share.posterFailed") });
    }
  };
  const link = me?.inviteLink ?? null;

  useEffect(() => {
    if (link)
      QRCode.toDataURL(link, { width: 440, margin: 1, errorCorrectionLevel: "M" }).then(setQr, () =>
        setQr(null),
      );
  }, [link]);

  const copy = async (text: string) => {
    if (await copyText(text)) Toast.show({ icon: "success", content: t("common.copied") });
  };

  return (
    <div className="page">
      <PageBar title={t("dist.inviteTitle")} back="/distribution" />
      {!me && <Skeleton.Paragraph lineCount={6} animated />}
      {me && link && me.inviteCode && (
        <div className="card" data-testid="dist-invite">
          <div className="card-head">{shop.shopName}</div>
          <p className="small muted">{t("dist.inviteHint")}</p>
          {qr && <img src={qr} alt={link} className="dist-qr" data-testid="dist-invite-qr" />}
          <div className="small muted">{t("dist.inviteCode")}</div>
          <div className="dist-available-value" data-testid="dist-invite-code">
            {me.inviteCode}
          </div>
          <div className="small muted">{t("dist.inviteLink")}</div>
          <div className="dist-link" data-testid="dist-invite-link">
            {link}
          </div>
          <div className="dist-copy-row">
            <Button shape="rounded" onClick={() => copy(me.inviteCode ?? "")} data-testid="dist-copy-code">
              {t("dist.copyCode")}
            </Button>
            <Button shape="rounded" color="danger" onClick={() => copy(link)} data-testid="dist-copy-link">
              {t("dist.copyLink")}
            </Button>
          </div>
          <Button
            block
            shape="rounded"
            color="primary"
            onClick={makePoster}
            data-testid="dist-invite-poster"
            style={{ marginTop: 12 }}
          >
            {t("share.invitePoster")}
          </Button>
          {poster && (
            <div style={{ textAlign: "center", marginTop: 12 }}>
              <img
                src={poster}
                alt={t("share.invitePoster")}
                style={{ width: "85%" }}
                data-testid="dist-invite-poster-image"
              />
              <div className="small muted">{t("share.longPress")}</div>
            </div>
          )}
        </div>
      )}
      {me && !link && <div className="card muted">{t("error.NOT_DISTRIBUTOR")}</div>}
    </div>
  );
}
