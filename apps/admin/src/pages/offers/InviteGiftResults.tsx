// Who got what of one 有礼邀请: each coupon handed out, to the inviter or the invitee, for which invitee, and
// whether it was used yet.
import { Table, Tag } from "antd";
import { useEffect, useState } from "react";
import { useI18n } from "../../i18n/index.tsx";
import { formatTime } from "../../lib/time.ts";
import { useNotify } from "../../lib/use-notify.ts";
import { type InviteGiftGrant, offersApi } from "./offers-api.ts";

export function InviteGiftResults({ activityId }: { activityId: number }) {
  const { t } = useI18n();
  const { failed } = useNotify();
  const [rows, setRows] = useState<InviteGiftGrant[] | null>(null);
  useEffect(() => {
    offersApi.inviteGifts(activityId).then(setRows, failed);
  }, [activityId, failed]);
  return (
    <Table<InviteGiftGrant>
      rowKey="couponId"
      size="small"
      pagination={false}
      loading={rows === null}
      dataSource={rows ?? []}
      data-testid="invite-gift-results"
      locale={{ emptyText: t("offer.noInviteGifts") }}
      columns={[
        {
          title: t("offer.side"),
          dataIndex: "side",
          render: (s: InviteGiftGrant["side"]) => (
            <Tag color={s === "inviter" ? "purple" : "blue"}>{t(`offer.side.${s}`)}</Tag>
          ),
        },
        { title: t("offer.holder"), key: "holder", render: (_, r) => `${r.nickname} (#${r.userId})` },
        {
          title: t("offer.invitee"),
          key: "invitee",
          render: (_, r) => `${r.inviteeNickname ?? ""} (#${r.inviteeUserId})`,
        },
        { title: t("offer.coupon"), dataIndex: "templateName" },
        {
          title: t("promo.state"),
          dataIndex: "status",
          render: (s: InviteGiftGrant["status"]) => (
            <Tag color={s === "used" ? "green" : "default"}>{t(`offer.couponStatus.${s}`)}</Tag>
          ),
        },
        { title: t("offer.grantedAt"), dataIndex: "grantedAt", render: formatTime },
      ]}
    />
  );
}
