// 在线客服: the shopper's conversation with the shop. Opened from a product, an order or an after-sale
// (?kind=order&id=…, the context travels) or from 我的. New answers arrive live (server-sent events); when
// the stream breaks the page polls every few seconds and tries the stream again.
import { Button, Input } from "antd-mobile";
import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { PageBar } from "../../components/PageBar.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { readLiveStream } from "../../lib/live-stream.ts";
import { type ChatContext, type ChatMessage, serviceApi } from "../../lib/service-api.ts";
import { readToken } from "../../lib/storage.ts";
import { uploadImage } from "../../lib/upload.ts";
import { useFail } from "../../lib/use-fail.ts";

const POLL_MS = 3000;
const RETRY_STREAM_MS = 15_000;

function contextOf(params: URLSearchParams): ChatContext | undefined {
  const kind = params.get("kind");
  const id = Number(params.get("id"));
  if ((kind === "product" || kind === "order" || kind === "after_sale") && Number.isSafeInteger(id) && id > 0)
    return { kind, id };
  return undefined;
}

const contextPath = (m: ChatMessage) =>
  m.contextKind === "product"
    ? `/products/${m.contextId}`
    : m.contextKind === "order"
      ? `/orders/${m.contextId}`
      : "/after-sales";

export function ChatPage() {
  const { t } = useI18n();
  const fail = useFail();
  const [params] = useSearchParams();
  const [conversationId, setConversationId] = useState<number | null>(null);
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const [live, setLive] = useState(false);
  const bottom = useRef<HTMLDivElement>(null);
  const lastId = useRef(0);
  const contextKey = params.toString();

  const merge = useCallback((incoming: ChatMessage[]) => {
    if (incoming.length === 0) return;
    setMessages((current) => {
      const known = new Set(current.map((m) => m.id));
      const added = incoming.filter((m) => !known.has(m.id));
      if (added.length === 0) return current;
      return [...current, ...added].sort((a, b) => a.id - b.id);
    });
    lastId.current = Math.max(lastId.current, ...incoming.map((m) => m.id));
  }, []);

  useEffect(() => {
    let stale = false;
    serviceApi.open(contextOf(new URLSearchParams(contextKey))).then((opened) => {
      if (stale) return;
      setConversationId(opened.conversation.id);
      setNotice(opened.offHoursNotice);
      setMessages([]);
      lastId.current = 0;
      merge(opened.messages as ChatMessage[]);
    }, fail);
    return () => {
      stale = true;
    };
  }, [contextKey, merge, fail]);

  // live stream, falling back to polling while it is down
  useEffect(() => {
    if (conversationId === null) return;
    const controller = new AbortController();
    let poll: ReturnType<typeof setInterval> | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    const startPolling = () => {
      poll ??= setInterval(() => {
        serviceApi.messagesAfter(conversationId, lastId.current).then(
          (page) => merge(page.items as ChatMessage[]),
          () => {},
        );
      }, POLL_MS);
    };
    const connect = () => {
      if (controller.signal.aborted) return;
      setLive(true);
      readLiveStream(
        serviceApi.eventsUrl(conversationId, lastId.current),
        readToken(),
        (data) => {
          const message = (data as { message?: ChatMessage }).message;
          if (message) merge([message]);
        },
        controller.signal,
      )
        .catch(() => {})
        .finally(() => {
          if (controller.signal.aborted) return;
          setLive(false);
          startPolling();
          retry = setTimeout(() => {
            if (poll) clearInterval(poll);
            poll = null;
            connect();
          }, RETRY_STREAM_MS);
        });
    };
    connect();
    return () => {
      controller.abort();
      if (poll) clearInterval(poll);
      if (retry) clearTimeout(retry);
    };
  }, [conversationId, merge]);

  // reading the page is reading the answers
  useEffect(() => {
    bottom.current?.scrollIntoView?.({ block: "end" });
    if (conversationId !== null && messages.some((m) => m.sender !== "user")) {
      serviceApi.read(conversationId).catch(() => {});
    }
  }, [messages, conversationId]);

  const send = async (body: { text?: string; imageUrl?: string }) => {
    if (conversationId === null) return;
    setSending(true);
    try {
      const sent = await serviceApi.send(conversationId, body);
      merge(sent.messages as ChatMessage[]);
      if (body.text) setText("");
    } catch (error) {
      fail(error);
    } finally {
      setSending(false);
    }
  };

  const askHuman = async () => {
    if (conversationId === null) return;
    try {
      merge((await serviceApi.human(conversationId)).messages as ChatMessage[]);
    } catch (error) {
      fail(error);
    }
  };

  return (
    <div className="page chat-page" data-testid="chat-page">
      <PageBar title={t("service.title")} />
      {notice && (
        <div className="chat-notice" data-testid="chat-notice">
          {notice}
        </div>
      )}
      <div className="chat-messages" data-live={live ? "stream" : "poll"}>
        {messages.map((m) => (
          <div
            key={m.id}
            className={`chat-row chat-${m.sender}`}
            data-testid="chat-message"
            data-sender={m.sender}
          >
            {m.contextKind && m.contextKind !== "none" ? (
              <Link to={contextPath(m)} className="chat-context">
                {t(`service.context.${m.contextKind}`)} #{m.contextId}
              </Link>
            ) : (
              <div className="chat-bubble">
                {m.sender === "staff" && m.senderName && <div className="chat-name">{m.senderName}</div>}
                {m.body && <div className="chat-text">{m.body}</div>}
                {m.imageUrl && <img className="chat-image" src={m.imageUrl} alt="" />}
                {m.sender === "bot" && (
                  <Button
                    size="mini"
                    color="primary"
                    fill="outline"
                    onClick={askHuman}
                    data-testid="chat-human"
                  >
                    {t("service.human")}
                  </Button>
                )}
              </div>
            )}
          </div>
        ))}
        <div ref={bottom} />
      </div>
      <div className="chat-bar">
        <label className="chat-photo-button">
          {t("service.photo")}
          <input
            type="file"
            accept="image/*"
            hidden
            data-testid="chat-photo"
            onChange={async (event) => {
              const file = event.target.files?.[0];
              event.target.value = "";
              if (!file) return;
              try {
                await send({ imageUrl: await uploadImage(file) });
              } catch (error) {
                fail(error);
              }
            }}
          />
        </label>
        <Input
          className="chat-input"
          value={text}
          onChange={setText}
          placeholder={t("service.placeholder")}
          maxLength={1000}
          onEnterPress={() => text.trim() && void send({ text: text.trim() })}
          data-testid="chat-input"
        />
        <Button
          color="primary"
          size="small"
          disabled={!text.trim() || sending || conversationId === null}
          onClick={() => void send({ text: text.trim() })}
          data-testid="chat-send"
        >
          {t("service.send")}
        </Button>
        <Button size="small" onClick={askHuman} data-testid="chat-human-bar">
          {t("service.humanShort")}
        </Button>
      </div>
    </div>
  );
}
