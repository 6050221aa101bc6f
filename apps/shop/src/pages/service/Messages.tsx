// 消息中心: what the shop told the shopper (paid, refund, commission, withdrawal, a service reply), newest
// first; opening the page reads them all, a tap goes where the notice is about.
import { List } from "antd-mobile";
import { useEffect } from "react";
import { useNavigate } from "react-router-dom";
import { PageBar } from "../../components/PageBar.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { formatTime } from "../../lib/format.ts";
import { useLoad } from "../../lib/use-load.ts";

export function MessagesPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [page] = useLoad(() => call(api.GET("/api/v1/notifications", { params: { query: { limit: 50 } } })));
  useEffect(() => {
    if (page?.items.some((n) => !n.readAt))
      call(api.POST("/api/v1/notifications/read", { body: {} })).catch(() => {});
  }, [page]);
  return (
    <div className="page">
      <PageBar title={t("messages.title")} />
      {page && page.items.length === 0 && <div className="muted small empty-note">{t("messages.none")}</div>}
      <List>
        {page?.items.map((n) => (
          <List.Item
            key={n.id}
            onClick={n.link ? () => navigate(n.link!) : undefined}
            description={n.body}
            extra={<span className="muted small">{formatTime(n.createdAt)}</span>}
            data-testid="message-item"
            data-kind={n.kind}
          >
            {!n.readAt && <span className="unread-dot" />}
            {n.title}
          </List.Item>
        ))}
      </List>
    </div>
  );
}
