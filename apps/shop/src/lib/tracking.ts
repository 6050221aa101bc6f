// What the shop tells the server about a visit: page views and share presses, with the code the visitor
// carries and a random device key, sent in a small batch after a short pause (never blocking the page).
import { api } from "./api.ts";
import { readRef } from "./storage.ts";

type ShopEvent = { kind: "page_view" | "share"; productId?: number; source?: string };

const VISITOR_KEY = "liebian.shop.visitor";
const queue: ShopEvent[] = [];
let pending = false;

function visitorKey(): string | undefined {
  try {
    let key = localStorage.getItem(VISITOR_KEY);
    if (!key) {
      key = `v${crypto.randomUUID().replaceAll("-", "")}`;
      localStorage.setItem(VISITOR_KEY, key);
    }
    return key;
  } catch {
    return undefined;
  }
}

function send(ref?: string) {
  const events = queue.splice(0, 50);
  pending = false;
  if (events.length === 0) return;
  const code = ref ?? readRef() ?? undefined;
  const key = visitorKey();
  // analytics never bothers the shopper: a failed send is dropped
  void api
    .POST("/api/v1/events", {
      body: { events, ...(code ? { ref: code } : {}), ...(key ? { visitorKey: key } : {}) },
    })
    .catch(() => undefined);
}

export function track(event: ShopEvent): void {
  queue.push(event);
  if (pending) return;
  pending = true;
  setTimeout(() => send(), 800);
}

/** A distributor's own share press counts for them: it is sent at once with their code. */
export function trackShare(code: string, productId: number | undefined, source: string): void {
  queue.push({ kind: "share", ...(productId ? { productId } : {}), source });
  send(code);
}
