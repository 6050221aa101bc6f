// A group's page, the one its shared link opens: who joined (paid or not), places left, the countdown, and
// the result (formed / failed and refunded). A visitor joins here; a member shares the link, which carries
// their referral code when they are a distributor, so whoever joins by it is bound to them.
import { Avatar, Button, ErrorBlock, Result, Skeleton, Toast } from "antd-mobile";
import { useEffect, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { PageBar } from "../../components/PageBar.tsx";
import { Price } from "../../components/Price.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { useAuth } from "../../lib/auth.tsx";
import { copyText } from "../../lib/clipboard.ts";
import { formatTime } from "../../lib/format.ts";
import { sharingApi } from "../../lib/sharing-api.ts";
import { useFail } from "../../lib/use-fail.ts";
import { type Group, type GroupBuy, joinGroup, loadGroup, loadGroupBuy } from "./group-api.ts";

export function GroupPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const { signedIn } = useAuth();
  const fail = useFail();
  const [group, setGroup] = useState<Group | null>(null);
  const [activity, setActivity] = useState<GroupBuy | null>(null);
  const [missing, setMissing] = useState(false);
  const [sharedLink, setSharedLink] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    loadGroup(id).then(
      (g) => {
        setGroup(g);
        loadGroupBuy(g.activityId).then(setActivity, fail);
      },
      () => setMissing(true),
    );
    // a distributor's share of the group is their short link (/s/CODE/t/ID), which carries their code
    if (signedIn)
      sharingApi.activity({ groupId: id }).then(
        (share) => setSharedLink(share.activityLink),
        () => setSharedLink(null),
      );
  }, [id, signedIn, fail]);

  if (missing) return <ErrorBlock status="empty" title={t("group.missing")} description="" />;
  if (!group || !activity) return <Skeleton.Paragraph lineCount={6} animated />;
  const item = activity.items[0]!;

  const share = async () => {
    const link = sharedLink ?? `${window.location.origin}/groups/${id}`;
    await copyText(link);
    Toast.show({ content: t("group.linkCopied") });
  };
  const join = async () => {
    if (!signedIn) return navigate(`/login?redirect=${encodeURIComponent(`/groups/${id}`)}`);
    setBusy(true);
    try {
      const placed = await joinGroup(id, item.skuId, activity.productKind !== "service");
      navigate(`/orders/${placed.order.id}?group=${id}`);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const places = Array.from({ length: group.size }, (_, i) => group.members[i] ?? null);
  return (
    <div className="page group-page" data-testid="group-page" data-status={group.status}>
      <PageBar title={t("group.progressTitle")} />
      <div className="card">
        <h2 className="group-buy-title">{activity.productTitle}</h2>
        <Price fen={item.groupPriceFen} original={item.priceFen} size="m" />
      </div>
      {group.status === "formed" && (
        <Result status="success" title={t("group.formed")} description={t("group.formedHint")} />
      )}
      {group.status === "failed" && (
        <Result status="warning" title={t("group.failed")} description={t("group.failedHint")} />
      )}
      {group.status === "open" && (
        <div className="card group-progress" data-testid="group-progress">
          {t("group.placesLeft", { n: group.placesLeft })} ·{" "}
          {t("group.expiresAt", { time: formatTime(group.expiresAt) })}
        </div>
      )}
      <div className="card group-members">
        {places.map((m, i) => (
          <div
            key={m ? `${m.nickname}-${i}` : `empty-${i}`}
            className="group-member"
            data-testid="group-member"
          >
            <Avatar src={m?.avatarUrl ?? ""} style={{ "--size": "44px", opacity: m ? 1 : 0.25 }} />
            <div className="group-member-name">
              {m ? m.nickname : "?"}
              {m?.role === "leader" && <span className="group-leader">{t("group.leader")}</span>}
            </div>
            {m && <div className="muted">{m.paid ? t("group.paid") : t("group.unpaid")}</div>}
          </div>
        ))}
        {group.virtualMembers > 0 && (
          <div className="muted">{t("group.virtual", { n: group.virtualMembers })}</div>
        )}
      </div>
      {group.status === "open" && (
        <div className="action-bar">
          <Button shape="rounded" onClick={share} data-testid="group-share">
            {t("group.share")}
          </Button>
          <Button color="danger" shape="rounded" loading={busy} onClick={join} data-testid="group-join">
            {t("group.join")}
          </Button>
        </div>
      )}
    </div>
  );
}
