// 评价管理: buyers' reviews newest first, by status; reply, hide with a reason (audited) or show again.
// Review text is shown as text, as the buyer typed it.
import { Button, Card, Image, Rate, Select, Space, Table, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { ReasonDialog } from "../../components/ReasonDialog.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { formatTime } from "../../lib/time.ts";
import { useNotify } from "../../lib/use-notify.ts";

type Status = "visible" | "hidden";
type Review = Awaited<ReturnType<typeof load>>["items"][number];
const load = (status: Status | undefined) =>
  call(api.GET("/api/admin/v1/reviews", { params: { query: { status, limit: 50 } } }));

export function ReviewsPage() {
  const { t } = useI18n();
  const { failed, done } = useNotify();
  const [status, setStatus] = useState<Status | undefined>(undefined);
  const [rows, setRows] = useState<Review[]>([]);
  const [dialog, setDialog] = useState<{ id: number; action: "hide" | "reply" } | null>(null);
  const reload = useCallback(() => {
    load(status).then((page) => setRows(page.items), failed);
  }, [status, failed]);
  useEffect(reload, [reload]);

  const show = async (id: number) => {
    try {
      await call(api.POST("/api/admin/v1/reviews/{id}/show", { params: { path: { id } } }));
      reload();
    } catch (error) {
      failed(error);
    }
  };
  const submit = async (text: string) => {
    if (!dialog) return;
    const path = { params: { path: { id: dialog.id } } };
    try {
      if (dialog.action === "hide")
        await call(api.POST("/api/admin/v1/reviews/{id}/hide", { ...path, body: { reason: text } }));
      else await call(api.POST("/api/admin/v1/reviews/{id}/reply", { ...path, body: { reply: text } }));
      setDialog(null);
      done();
      reload();
    } catch (error) {
      failed(error);
    }
  };

  return (
    <Card
      title={t("nav.reviews")}
      extra={
        <Select<Status | undefined>
          allowClear
          placeholder={t("review.status.all")}
          style={{ width: 140 }}
          value={status}
          onChange={setStatus}
          options={(["visible", "hidden"] as const).map((s) => ({
            value: s,
            label: t(`review.status.${s}`),
          }))}
        />
      }
    >
      <Table<Review>
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={false}
        columns={[
          { title: t("review.product"), dataIndex: "productTitle", width: 160 },
          {
            title: t("review.review"),
            render: (_, r) => (
              <div data-testid="admin-review" data-id={r.id}>
                <Space>
                  <Rate disabled value={r.rating} style={{ fontSize: 12 }} />
                  <span>{r.author}</span>
                  <span style={{ color: "#999" }}>{formatTime(r.createdAt)}</span>
                </Space>
                <div style={{ whiteSpace: "pre-wrap" }}>{r.body}</div>
                <Space>
                  {r.photos.map((url) => (
                    <Image key={url} src={url} width={48} height={48} />
                  ))}
                </Space>
                {r.reply && <div style={{ color: "#666" }}>{t("review.replied", { text: r.reply })}</div>}
              </div>
            ),
          },
          {
            title: t("review.statusTitle"),
            width: 140,
            render: (_, r) =>
              r.status === "hidden" ? (
                <Tag color="red">{t("review.hiddenBecause", { reason: r.hiddenReason ?? "" })}</Tag>
              ) : (
                <Tag color="green">{t("review.status.visible")}</Tag>
              ),
          },
          {
            title: "",
            width: 170,
            render: (_, r) => (
              <Space>
                <Button size="small" onClick={() => setDialog({ id: r.id, action: "reply" })}>
                  {t("review.doReply")}
                </Button>
                {r.status === "visible" ? (
                  <Button size="small" danger onClick={() => setDialog({ id: r.id, action: "hide" })}>
                    {t("review.hide")}
                  </Button>
                ) : (
                  <Button size="small" onClick={() => show(r.id)}>
                    {t("review.show")}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <ReasonDialog
        open={dialog !== null}
        title={dialog?.action === "hide" ? t("review.hideReason") : t("review.doReply")}
        onCancel={() => setDialog(null)}
        onSubmit={submit}
      />
    </Card>
  );
}
