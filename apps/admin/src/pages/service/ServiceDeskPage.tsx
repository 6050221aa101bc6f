// 客服工作台: the queue (unassigned / mine / all, longest waiting first, unread counts), the open
// conversation with quick replies and pictures, claim / transfer / close, and the context card. Changes
// arrive live; history search finds old answers.
import {
  Badge,
  Button,
  Card,
  Col,
  Empty,
  Input,
  List,
  Row,
  Segmented,
  Select,
  Space,
  Tag,
  Upload,
} from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useAuth } from "../../lib/auth.tsx";
import { formatTime } from "../../lib/time.ts";
import { useNotify } from "../../lib/use-notify.ts";
import { ContextCard, type DeskContext } from "./ContextCard.tsx";
import { type DeskEvent, type DeskMessage, useDeskEvents } from "./use-desk-events.ts";

type View = "unassigned" | "mine" | "all";
type Queue = Awaited<ReturnType<typeof loadQueue>>;
type Conversation = Queue["items"][number];

const base = "/api/admin/v1/service/conversations";
const loadQueue = (view: View) => call(api.GET(base, { params: { query: { view, limit: 50 } } }));

function waited(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  return `${Math.floor(seconds / 3600)}h${Math.floor((seconds % 3600) / 60)}m`;
}

export function ServiceDeskPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const { failed } = useNotify();
  const [view, setView] = useState<View>("unassigned");
  const [queue, setQueue] = useState<Queue | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [detail, setDetail] = useState<{ conversation: Conversation; context: DeskContext } | null>(null);
  const [messages, setMessages] = useState<DeskMessage[]>([]);
  const [text, setText] = useState("");
  const [quick, setQuick] = useState<{ id: number; title: string; body: string }[]>([]);
  const [staff, setStaff] = useState<{ id: number; name: string }[]>([]);
  const [search, setSearch] = useState<Awaited<ReturnType<typeof searchHistory>> | null>(null);
  const asked = useRef(0);

  const refreshQueue = useCallback(() => {
    const ticket = ++asked.current;
    loadQueue(view).then((q) => ticket === asked.current && setQueue(q), failed);
  }, [view, failed]);
  useEffect(refreshQueue, [refreshQueue]);

  const openConversation = useCallback(
    (id: number) => {
      setSelected(id);
      call(api.GET(`${base}/{id}`, { params: { path: { id } } })).then((d) => {
        setDetail({ conversation: d.conversation, context: d.context as DeskContext });
        setMessages(d.messages as DeskMessage[]);
        call(api.POST(`${base}/{id}/read`, { params: { path: { id } } })).catch(() => {});
      }, failed);
    },
    [failed],
  );

  useEffect(() => {
    call(api.GET("/api/admin/v1/service/quick-replies")).then((r) => setQuick(r.items), failed);
    call(api.GET("/api/admin/v1/service/staff")).then((r) => setStaff(r.items), failed);
  }, [failed]);

  useDeskEvents((event: DeskEvent | null) => {
    refreshQueue();
    if (selected === null) return;
    if (event === null || (event.conversationId === selected && !event.message)) {
      if (event === null) openConversation(selected);
      return;
    }
    if (event.conversationId === selected && event.message) {
      const message = event.message;
      setMessages((current) => (current.some((m) => m.id === message.id) ? current : [...current, message]));
      if (message.sender === "user")
        call(api.POST(`${base}/{id}/read`, { params: { path: { id: selected } } })).catch(() => {});
    }
  });

  const act = async (action: "claim" | "close") => {
    if (selected === null) return;
    try {
      await call(api.POST(`${base}/{id}/${action}`, { params: { path: { id: selected } } }));
      openConversation(selected);
      refreshQueue();
    } catch (error) {
      failed(error);
    }
  };
  const transfer = async (staffId: number) => {
    if (selected === null) return;
    try {
      await call(
        api.POST(`${base}/{id}/transfer`, { params: { path: { id: selected } }, body: { staffId } }),
      );
      openConversation(selected);
    } catch (error) {
      failed(error);
    }
  };
  const send = async (body: { text?: string; imageUrl?: string }) => {
    if (selected === null) return;
    try {
      const sent = await call(
        api.POST(`${base}/{id}/messages`, { params: { path: { id: selected } }, body }),
      );
      setMessages((current) => [
        ...current,
        ...(sent.messages as DeskMessage[]).filter((m) => !current.some((c) => c.id === m.id)),
      ]);
      if (body.text) setText("");
    } catch (error) {
      failed(error);
    }
  };

  const conversation = detail?.conversation;
  return (
    <Row gutter={12}>
      <Col span={7}>
        <Card
          size="small"
          title={t("nav.serviceDesk")}
          extra={
            <Input.Search
              size="small"
              allowClear
              placeholder={t("service.search")}
              onSearch={(q) => (q ? searchHistory(q).then(setSearch, failed) : setSearch(null))}
              data-testid="desk-search"
            />
          }
        >
          <Segmented<View>
            block
            value={view}
            onChange={setView}
            options={(["unassigned", "mine", "all"] as const).map((v) => ({
              value: v,
              label: (
                <span data-testid={`desk-view-${v}`}>
                  {t(`service.view.${v}`)} {queue ? queue.counts[v] : ""}
                </span>
              ),
            }))}
          />
          {search ? (
            <List
              size="small"
              dataSource={search.items}
              locale={{ emptyText: t("service.noResults") }}
              renderItem={(m) => (
                <List.Item onClick={() => openConversation(m.conversationId)} style={{ cursor: "pointer" }}>
                  <div>
                    <b>{m.userNickname}</b> · {formatTime(m.createdAt)}
                    <div>{m.body}</div>
                  </div>
                </List.Item>
              )}
            />
          ) : (
            <List
              size="small"
              dataSource={queue?.items ?? []}
              locale={{ emptyText: t("service.empty") }}
              renderItem={(c) => (
                <List.Item
                  onClick={() => openConversation(c.id)}
                  style={{ cursor: "pointer", background: c.id === selected ? "#e6f4ff" : undefined }}
                  data-testid="desk-queue-row"
                  data-id={c.id}
                >
                  <List.Item.Meta
                    title={
                      <Space>
                        <Badge count={c.staffUnread} size="small">
                          <span>{c.userNickname}</span>
                        </Badge>
                        {c.waitingSeconds > 0 && (
                          <Tag color="orange">{t("service.waiting", { time: waited(c.waitingSeconds) })}</Tag>
                        )}
                        {c.assignedStaffName && <Tag>{c.assignedStaffName}</Tag>}
                      </Space>
                    }
                    description={c.lastMessagePreview}
                  />
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>
      <Col span={11}>
        {conversation ? (
          <Card
            size="small"
            title={`${conversation.userNickname} ${conversation.userPhone ?? ""}`}
            extra={
              <Space>
                {conversation.status === "open" && conversation.assignedStaffId !== me?.id && (
                  <Button size="small" type="primary" onClick={() => act("claim")} data-testid="desk-claim">
                    {t("service.claim")}
                  </Button>
                )}
                {conversation.status === "open" && (
                  <Select
                    size="small"
                    placeholder={t("service.transfer")}
                    style={{ width: 120 }}
                    options={staff
                      .filter((s) => s.id !== me?.id)
                      .map((s) => ({ value: s.id, label: s.name }))}
                    onChange={transfer}
                    value={null}
                  />
                )}
                {conversation.status === "open" && (
                  <Button size="small" danger onClick={() => act("close")} data-testid="desk-close">
                    {t("service.close")}
                  </Button>
                )}
              </Space>
            }
          >
            <div
              className="desk-messages"
              style={{ height: 420, overflowY: "auto", padding: 8, background: "#fafafa" }}
            >
              {messages.map((m) => (
                <div
                  key={m.id}
                  data-testid="desk-message"
                  data-sender={m.sender}
                  style={{
                    textAlign: m.sender === "user" ? "left" : m.sender === "system" ? "center" : "right",
                    margin: "6px 0",
                  }}
                >
                  <div style={{ fontSize: 11, color: "#999" }}>
                    {m.sender === "staff" ? m.senderName : t(`service.sender.${m.sender}`)} ·{" "}
                    {formatTime(m.createdAt)}
                  </div>
                  {m.contextKind && m.contextKind !== "none" ? (
                    <Tag color="blue">
                      {t(`service.about.${m.contextKind as "product" | "order" | "after_sale"}`)} #
                      {m.contextId}
                    </Tag>
                  ) : (
                    <div
                      style={{
                        display: "inline-block",
                        maxWidth: "80%",
                        whiteSpace: "pre-wrap",
                        wordBreak: "break-word",
                        background:
                          m.sender === "user" ? "#fff" : m.sender === "system" ? "transparent" : "#e6f4ff",
                        borderRadius: 6,
                        padding: m.sender === "system" ? 0 : "4px 8px",
                        color: m.sender === "system" ? "#999" : undefined,
                      }}
                    >
                      {m.body}
                      {m.imageUrl && (
                        <img src={m.imageUrl} alt="" style={{ maxWidth: 180, display: "block" }} />
                      )}
                    </div>
                  )}
                </div>
              ))}
            </div>
            {conversation.status === "open" && (
              <Space.Compact style={{ width: "100%", marginTop: 8 }}>
                <Select
                  placeholder={t("service.quickReplies")}
                  style={{ width: 130 }}
                  value={null}
                  options={quick.map((q) => ({ value: q.body, label: q.title }))}
                  onChange={(body: string) => setText(body)}
                  data-testid="desk-quick"
                />
                <Input
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  onPressEnter={() => text.trim() && send({ text: text.trim() })}
                  maxLength={1000}
                  data-testid="desk-input"
                />
                <Upload
                  showUploadList={false}
                  accept="image/*"
                  customRequest={async ({ file }) => {
                    try {
                      const form = new FormData();
                      form.append("file", file as Blob);
                      const uploaded = await call(
                        api.POST("/api/admin/v1/service/uploads", {
                          body: form as never,
                          bodySerializer: (body: unknown) => body as FormData,
                        }),
                      );
                      await send({ imageUrl: uploaded.url });
                    } catch (error) {
                      failed(error);
                    }
                  }}
                >
                  <Button>{t("service.picture")}</Button>
                </Upload>
                <Button
                  type="primary"
                  disabled={!text.trim()}
                  onClick={() => send({ text: text.trim() })}
                  data-testid="desk-send"
                >
                  {t("service.send")}
                </Button>
              </Space.Compact>
            )}
          </Card>
        ) : (
          <Card size="small">
            <Empty description={t("service.pick")} />
          </Card>
        )}
      </Col>
      <Col span={6}>{detail && <ContextCard context={detail.context} />}</Col>
    </Row>
  );
}

function searchHistory(q: string) {
  return call(api.GET("/api/admin/v1/service/search", { params: { query: { q, limit: 30 } } }));
}
