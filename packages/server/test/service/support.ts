// What the service tests share: a tiny PNG and a multipart body to upload it, an order to ask about, and a
// reader of the live stream (server-sent events over a real socket).
import { expect } from "vitest";
import { createFreight, createProduct, pay, placeOrder, shopperWithAddress } from "../commerce/fixtures.ts";
import type { TestContext } from "../support/test-app.ts";

export const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

export function multipart(token: string, bytes: Buffer, name = "a.png", type = "image/png") {
  const boundary = "----liebian-service-boundary";
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return {
    payload,
    headers: {
      "content-type": `multipart/form-data; boundary=${boundary}`,
      authorization: `Bearer ${token}`,
    },
  };
}

/** A shopper with a paid, shipped order of one product. */
export async function shopperWithShippedOrder(ctx: TestContext, owner: string) {
  const freight = await createFreight(ctx, owner);
  const product = await createProduct(ctx, owner, {
    title: "云南小粒咖啡",
    freightTemplateId: freight,
    skus: [{ priceFen: 5900, stock: 100, specValues: [] }],
  });
  const shopper = await shopperWithAddress(ctx, { nickname: "小林" });
  const order = await placeOrder(ctx, shopper, [{ skuId: product.skus[0]!.id, quantity: 1 }]);
  await pay(ctx, order);
  const shipped = await ctx.client.post(
    `/api/admin/v1/orders/${order.id}/ship`,
    { parcels: [{ carrier: "顺丰", trackingNo: "SF1234567890" }] },
    owner,
  );
  expect(shipped.status).toBe(200);
  return { shopper, order, product };
}

export type StreamEvent = { event: string; data: any; id?: string };

/** Opens a server-sent event stream with fetch (as the apps do) and collects its events. */
export async function openStream(url: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  const events: StreamEvent[] = [];
  const comments: string[] = [];
  const waiters: Array<() => void> = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: StreamEvent = { event: "message", data: null };
          let isEvent = false;
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) comments.push(line);
            else if (line.startsWith("event: ")) event.event = line.slice(7);
            else if (line.startsWith("id: ")) event.id = line.slice(4);
            else if (line.startsWith("data: ")) {
              event.data = JSON.parse(line.slice(6));
              isEvent = true;
            }
          }
          if (isEvent) events.push(event);
          for (const wake of waiters.splice(0)) wake();
          end = buffer.indexOf("\n\n");
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    response,
    events,
    comments,
    /** Waits until `check` holds over the events so far (at most `ms`). */
    async until(check: (events: StreamEvent[]) => boolean, ms = 5000) {
      const deadline = Date.now() + ms;
      while (!check(events)) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`stream: condition not met; got ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    close: () => controller.abort(),
  };
}
