// 奖品发放: the physical prizes of approved bonus and contest runs — who won what — to send or sent, and
// marking one as sent (who and when are recorded and audited; needs orders.fulfil, as shipping an order does).
// Coupons and courses are not listed: approval granted them to the winners.
import { Alert, Button, Segmented, Table } from "antd";
import { useCallback, useEffect, useState } from "react";
import { rowTestId } from "../../components/test-ids.ts";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useAuth } from "../../lib/auth.tsx";
import { useNotify } from "../../lib/use-notify.ts";

type Status = "to_send" | "sent";
type Prize = Awaited<ReturnType<typeof loadPrizes>>["items"][number];
const loadPrizes = (status: Status) =>
  call(api.GET("/api/admin/v1/dividends/prizes", { params: { query: { status, limit: 100 } } }));

export function PrizesTab() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const [status, setStatus] = useState<Status>("to_send");
  const [prizes, setPrizes] = useState<Prize[]>([]);
  const reload = useCallback(() => {
    loadPrizes(status).then((page) => setPrizes(page.items), failed);
  }, [status, failed]);
  useEffect(reload, [reload]);

  async function markSent(p: Prize) {
    try {
      await call(
        api.POST("/api/admin/v1/dividends/prizes/sent", {
          body: { runId: p.runId, userId: p.userId, groupId: p.groupId },
        }),
      );
      done("div.prize.marked");
      reload();
    } catch (error) {
      failed(error);
    }
  }

  return (
    <>
      <Alert type="info" showIcon message={t("div.prize.hint")} style={{ marginBottom: 16 }} />
      <Segmented<Status>
        style={{ marginBottom: 16 }}
        value={status}
        onChange={setStatus}
        options={[
          { value: "to_send", label: t("div.prize.toSend") },
          { value: "sent", label: t("div.prize.sent") },
        ]}
      />
      <Table<Prize>
        rowKey={(p) => `${p.runId}:${p.groupId}:${p.userId}`}
        dataSource={prizes}
        pagination={false}
        onRow={(p) => rowTestId("prize-row", `${p.runId}-${p.groupId}-${p.userId}`)}
        columns={[
          {
            title: t("div.prize.winner"),
            key: "winner",
            render: (_, p) => `${p.nickname ?? ""} #${p.userId}`,
          },
          { title: t("div.prize.item"), dataIndex: "item" },
          {
            title: t("div.prize.source"),
            key: "source",
            render: (_, p) =>
              `${t(`div.kind.${p.kind}` as never)} · ${p.periodKey}${p.kind === "contest" ? ` · #${p.groupId}` : ""}`,
          },
          {
            title: t("div.prize.sentBy"),
            key: "sent",
            render: (_, p) =>
              p.fulfilledAt ? `${p.fulfilledBy ?? ""} · ${new Date(p.fulfilledAt).toLocaleString()}` : "",
          },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_, p) =>
              !p.fulfilledAt &&
              can("orders.fulfil") && (
                <Button size="small" data-testid="prize-mark-sent" onClick={() => void markSent(p)}>
                  {t("div.prize.markSent")}
                </Button>
              ),
          },
        ]}
      />
    </>
  );
}
