// 在线客服 over HTTP: a shopper asks about their order, the desk sees the context card, claims, replies,
// transfers and closes; unread counts on both sides; pictures only from this shop's uploads; another
// shopper's conversation is not found; staff without service.reply are refused; a flood is rate-limited.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { openPostgres } from "../../src/db/client.ts";
import { buildApp } from "../../src/http/app.ts";
import { streamTiming } from "../../src/modules/service/event-stream.ts";
import { createLocalStorage } from "../../src/modules/uploads/storage.ts";
import { startTestApp } from "../support/test-app.ts";
import { onPostgres, type TestDatabase } from "../support/test-database.ts";
import { multipart, openStream, PNG, type StreamEvent, shopperWithShippedOrder } from "./support.ts";

const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "liebian-service-"));
const ctx = await startTestApp({ storage: createLocalStorage(uploadDir) });
const { client, app, clock } = ctx;
const owner = await client.loginOwner();
const support = await client.createStaff(owner, "support");
const support2 = await client.createStaff(owner, "support");
const finance = await client.createStaff(owner, "finance");
const { shopper, order, product } = await shopperWithShippedOrder(ctx, owner);
const stranger = await client.registerShopper();
const base = "/api/v1/service/conversations";
const desk = "/api/admin/v1/service/conversations";

/** The app on a real port (streams need a socket), opened by the first test that needs it. */
let address: Promise<string> | undefined;
const listening = () => {
  address ??= app.listen({ port: 0, host: "127.0.0.1" });
  return address;
};

// 10:00 CST: the desk is staffed
clock.set("2026-11-23T02:00:00.000Z");

describe("customer service conversations", () => {
  test("asked about an order: the desk sees it waiting with its context card, claims and answers; unread both sides", async () => {
    const opened = await client.post(base, { context: { kind: "order", id: order.id } }, shopper.token);
    expect(opened.status).toBe(200);
    const id = opened.body.conversation.id;
    expect(opened.body.conversation).toMatchObject({
      status: "open",
      contextKind: "order",
      contextId: order.id,
    });
    expect(opened.body.messages).toEqual([
      expect.objectContaining({ sender: "user", contextKind: "order", contextId: order.id }),
    ]);
    expect(opened.body.offHoursNotice).toBeNull();

    const asked = await client.post(
      `${base}/${id}/messages`,
      { text: "我的咖啡到哪了？包装坏了" },
      shopper.token,
    );
    expect(asked.status).toBe(201);
    clock.advance(90_000);

    const queue = await client.get(`${desk}?view=unassigned`, support);
    const line = queue.body.items.find((c: { id: number }) => c.id === id);
    expect(line).toMatchObject({
      userNickname: "小林",
      staffUnread: 2,
      needsHuman: true,
      waitingSeconds: 90,
    });
    expect(line.userPhone).toMatch(/^\d{3}\*{4}\d{4}$/);

    const card = await client.get(`${desk}/${id}`, support);
    expect(card.body.context.order).toMatchObject({
      orderNo: order.orderNo,
      status: "shipped",
      items: [expect.objectContaining({ title: "云南小粒咖啡", quantity: 1 })],
      parcels: [{ carrier: "顺丰", trackingNo: "SF1234567890" }],
    });

    const claimed = await client.post(`${desk}/${id}/claim`, {}, support);
    expect(claimed.status).toBe(200);
    const other = await client.post(`${desk}/${id}/claim`, {}, support2);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe("CONVERSATION_TAKEN");

    const answered = await client.post(
      `${desk}/${id}/messages`,
      { text: "您好，已为您查询，明天送达" },
      support,
    );
    expect(answered.status).toBe(201);
    expect(answered.body.conversation).toMatchObject({ waitingSeconds: 0, staffUnread: 0 });
    expect(answered.body.messages[0]).toMatchObject({ sender: "staff", senderName: "support" });

    expect((await client.get("/api/v1/service/unread", shopper.token)).body).toEqual({ unread: 1 });
    await client.post(`${base}/${id}/read`, {}, shopper.token);
    expect((await client.get("/api/v1/service/unread", shopper.token)).body).toEqual({ unread: 0 });

    const mine = await client.get(`${desk}?view=mine`, support);
    expect(mine.body.items.map((c: { id: number }) => c.id)).toContain(id);
    expect(mine.body.counts.mine).toBeGreaterThanOrEqual(1);

    const polled = await client.get(
      `${base}/${id}/messages?after=${asked.body.messages[0].id}`,
      shopper.token,
    );
    expect(polled.body.items.map((m: { body: string }) => m.body)).toEqual(["您好，已为您查询，明天送达"]);
  });

  test("another shopper's conversation is not found; staff without service.reply are refused", async () => {
    const mine = await client.post(base, {}, shopper.token);
    const id = mine.body.conversation.id;
    for (const attempt of [
      client.get(`${base}/${id}`, stranger.token),
      client.get(`${base}/${id}/messages`, stranger.token),
      client.post(`${base}/${id}/messages`, { text: "hi" }, stranger.token),
      client.post(`${base}/${id}/read`, {}, stranger.token),
      client.get(`${base}/${id}/events`, stranger.token),
    ]) {
      const res = await attempt;
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("NOT_FOUND");
    }
    const aboutOthersOrder = await client.post(
      base,
      { context: { kind: "order", id: order.id } },
      stranger.token,
    );
    expect(aboutOthersOrder.status).toBe(404);

    const refused = await client.get(desk, finance);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "FORBIDDEN", details: { permission: "service.reply" } });
    expect((await client.get(desk)).status).toBe(401);
  });

  test("pictures: uploaded ones are sent, links to elsewhere and 20 MB files are refused", async () => {
    const id = (await client.post(base, { context: { kind: "product", id: product.id } }, shopper.token)).body
      .conversation.id;
    const upload = await app.inject({
      method: "POST",
      url: "/api/v1/uploads",
      ...multipart(shopper.token, PNG),
    });
    expect(upload.statusCode).toBe(201);
    const sent = await client.post(`${base}/${id}/messages`, { imageUrl: upload.json().url }, shopper.token);
    expect(sent.status).toBe(201);
    expect(sent.body.messages[0]).toMatchObject({ imageUrl: upload.json().url, body: "" });

    for (const imageUrl of ["https://evil.example/x.png", "/uploads/../secret.png", "javascript:alert(1)"]) {
      const res = await client.post(`${base}/${id}/messages`, { imageUrl }, shopper.token);
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe("MESSAGE_IMAGE_INVALID");
    }
    // 20 MB is refused on both sides: the shopper's upload route and the desk's
    const twentyMb = Buffer.concat([PNG, Buffer.alloc(20 * 1024 * 1024)]);
    const hugeFromShopper = await app.inject({
      method: "POST",
      url: "/api/v1/uploads",
      ...multipart(shopper.token, twentyMb),
    });
    expect(hugeFromShopper.statusCode).toBe(413);
    expect(hugeFromShopper.json().error.code).toBe("UPLOAD_TOO_LARGE");
    const huge = await app.inject({
      method: "POST",
      url: "/api/admin/v1/service/uploads",
      ...multipart(support, twentyMb),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe("UPLOAD_TOO_LARGE");
    const staffPicture = await app.inject({
      method: "POST",
      url: "/api/admin/v1/service/uploads",
      ...multipart(support, PNG),
    });
    expect(staffPicture.json().url).toMatch(/^\/uploads\/service\/\d{6}\/[\w-]+\.png$/);

    const empty = await client.post(`${base}/${id}/messages`, { text: "   " }, shopper.token);
    expect(empty.status).toBe(422);
  });

  test("a flood from one shopper is refused with MESSAGE_RATE_LIMITED, and allowed again a minute later", async () => {
    const flooder = await client.registerShopper();
    const id = (await client.post(base, {}, flooder.token)).body.conversation.id;
    const statuses: number[] = [];
    for (let i = 0; i < 25; i += 1) {
      const res = await client.post(`${base}/${id}/messages`, { text: `第${i}条` }, flooder.token);
      statuses.push(res.status);
      if (res.status === 429) expect(res.body.error.code).toBe("MESSAGE_RATE_LIMITED");
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    const stored = await client.get(`${base}/${id}/messages?limit=100`, flooder.token);
    expect(stored.body.items.filter((m: { sender: string }) => m.sender === "user")).toHaveLength(20);
    clock.advance(61_000);
    expect((await client.post(`${base}/${id}/messages`, { text: "还在吗" }, flooder.token)).status).toBe(201);
  });

  test("transfer to a colleague, close, and a new conversation afterwards; history is searchable", async () => {
    const asker = await client.registerShopper({ nickname: "阿强" });
    const id = (await client.post(base, {}, asker.token)).body.conversation.id;
    await client.post(`${base}/${id}/messages`, { text: "发票 100%_开 可以吗" }, asker.token);
    await client.post(`${desk}/${id}/claim`, {}, support);

    const staffList = await client.get("/api/admin/v1/service/staff", support);
    expect(staffList.body.items.map((s: { role: string }) => s.role)).not.toContain("finance");
    const colleague = staffList.body.items.filter((s: { role: string }) => s.role === "support").at(-1);
    const everyone = await client.get("/api/admin/v1/staff", owner);
    const financeId = everyone.body.find((s: { role: string }) => s.role === "finance").id;
    const toFinance = await client.post(`${desk}/${id}/transfer`, { staffId: financeId }, support);
    expect(toFinance.status).toBe(422);
    expect(toFinance.body.error.code).toBe("STAFF_CANNOT_SERVE");
    const back = await client.post(`${desk}/${id}/transfer`, { staffId: colleague.id }, owner);
    expect(back.body).toMatchObject({ assignedStaffId: colleague.id });
    const notMine = await client.post(`${desk}/${id}/messages`, { text: "我来" }, support);
    expect(notMine.status).toBe(409);
    expect(notMine.body.error.code).toBe("CONVERSATION_TAKEN");
    const nowhere = await client.post(`${desk}/99999999/messages`, { text: "我来" }, support);
    expect(nowhere.status).toBe(404);

    const found = await client.get(`/api/admin/v1/service/search?q=${encodeURIComponent("100%_")}`, support);
    expect(found.body.items).toEqual([expect.objectContaining({ conversationId: id, userNickname: "阿强" })]);
    expect(
      (await client.get(`/api/admin/v1/service/search?q=${encodeURIComponent("%")}`, support)).body.items,
    ).toEqual([expect.objectContaining({ conversationId: id })]);

    const closed = await client.post(`${desk}/${id}/close`, {}, support2);
    expect(closed.body).toMatchObject({ status: "closed" });
    const deskLate = await client.post(`${desk}/${id}/messages`, { text: "还在吗" }, owner);
    expect(deskLate.status).toBe(409);
    expect(deskLate.body.error.code).toBe("CONVERSATION_CLOSED");
    const late = await client.post(`${base}/${id}/messages`, { text: "还有一个问题" }, asker.token);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("CONVERSATION_CLOSED");
    const again = await client.post(base, {}, asker.token);
    expect(again.body.conversation.id).not.toBe(id);
    const history = await client.get(base, asker.token);
    expect(history.body.items.map((c: { status: string }) => c.status)).toEqual(["open", "closed"]);
  });

  test("quick replies are kept for the desk", async () => {
    const created = await client.post(
      "/api/admin/v1/service/quick-replies",
      { title: "问候", body: "您好，很高兴为您服务" },
      support,
    );
    expect(created.status).toBe(201);
    expect((await client.get("/api/admin/v1/service/quick-replies", support2)).body.items).toContainEqual(
      created.body,
    );
    expect(
      (await client.delete(`/api/admin/v1/service/quick-replies/${created.body.id}`, support)).status,
    ).toBe(204);
  });

  test("asking for a person at night says when someone will answer", async () => {
    clock.set("2026-11-23T15:30:00.000Z"); // 23:30 CST
    const night = await client.registerShopper();
    const opened = await client.post(base, {}, night.token);
    expect(opened.body.offHoursNotice).toContain("明天 09:00");
    const human = await client.post(`${base}/${opened.body.conversation.id}/human`, {}, night.token);
    expect(human.body.messages[0]).toMatchObject({ sender: "system" });
    expect(human.body.messages[0].body).toContain("明天 09:00");
    clock.set("2026-11-23T02:00:00.000Z");
  });

  test("a staff reply reaches the shopper's open page at once over server-sent events, through any API process", async () => {
    const address = await listening();
    streamTiming.heartbeatMs = 50;
    const live = await client.registerShopper();
    const id = (await client.post(base, {}, live.token)).body.conversation.id;
    const first = await client.post(`${base}/${id}/messages`, { text: "在吗" }, live.token);
    const shopperStream = await openStream(`${address}${base}/${id}/events?after=0`, live.token);
    const deskStream = await openStream(`${address}/api/admin/v1/service/events`, support2);
    try {
      expect(shopperStream.response.headers.get("content-type")).toContain("text/event-stream");
      expect(shopperStream.response.headers.get("x-accel-buffering")).toBe("no");
      expect(shopperStream.response.headers.get("cache-control")).toContain("no-transform");
      // what was sent before the page connected comes first (after=0), then live answers
      await shopperStream.until((events) =>
        events.some((e) => e.data.message?.id === first.body.messages[0].id),
      );

      await client.post(`${desk}/${id}/messages`, { text: "在的，请讲" }, support2);
      await shopperStream.until((events) => events.some((e) => e.data.message?.body === "在的，请讲"));
      const event = shopperStream.events.find((e) => e.data.message?.body === "在的，请讲")!;
      expect(event).toMatchObject({ event: "conversation", id: String(event.data.message.id) });
      expect(event.data.conversation).toMatchObject({ id, userUnread: 1 });
      await deskStream.until((events) => events.some((e) => e.data.conversationId === id));
      await shopperStream.until(() => shopperStream.comments.includes(": ping"));

      // another shopper's page hears nothing of it (news of its own conversation, which its opening may
      // publish after the page connected on PostgreSQL, is its own)
      const otherId = (await client.post(base, {}, stranger.token)).body.conversation.id;
      const otherStream = await openStream(`${address}${base}/${otherId}/events`, stranger.token);
      try {
        await client.post(`${desk}/${id}/messages`, { text: "第二条" }, support2);
        await shopperStream.until((events) => events.some((e) => e.data.message?.body === "第二条"));
        expect(otherStream.events.filter((e) => e.data.conversationId !== otherId)).toEqual([]);
      } finally {
        otherStream.close();
      }
    } finally {
      streamTiming.heartbeatMs = 15_000;
      shopperStream.close();
      deskStream.close();
    }
  });

  test("two open pages of one conversation both hear a reply; closing one leaves the other live", async () => {
    const address = await listening();
    const twice = await client.registerShopper();
    const id = (await client.post(base, {}, twice.token)).body.conversation.id;
    const phone = await openStream(`${address}${base}/${id}/events`, twice.token);
    const laptop = await openStream(`${address}${base}/${id}/events`, twice.token);
    try {
      await client.post(`${desk}/${id}/messages`, { text: "两边都看得到" }, support2);
      for (const page of [phone, laptop])
        await page.until((events) => events.some((e) => e.data.message?.body === "两边都看得到"));
      phone.close();
      await client.post(`${desk}/${id}/messages`, { text: "手机关了也收得到" }, support2);
      await laptop.until((events) => events.some((e) => e.data.message?.body === "手机关了也收得到"));
      // each reply once, with its unread count (the opening's state change may come first)
      const replies = laptop.events.filter((e) => e.data.message);
      expect(replies.map((e) => e.data.conversation.userUnread)).toEqual([1, 2]);
    } finally {
      phone.close();
      laptop.close();
    }
  });

  test("a burst of replies to many open pages reaches each page, every message once", async () => {
    const address = await listening();
    const pages = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const who = await client.registerShopper();
        const id = (await client.post(base, {}, who.token)).body.conversation.id as number;
        return { id, stream: await openStream(`${address}${base}/${id}/events`, who.token) };
      }),
    );
    try {
      // all at once: on PostgreSQL most go out together in one NOTIFY statement
      await Promise.all(
        pages.flatMap(({ id }) =>
          ["一", "二", "三"].map((n) =>
            client.post(`${desk}/${id}/messages`, { text: `${id}-${n}` }, support2),
          ),
        ),
      );
      // (the page may also hear the opening's state change, which left just before it connected)
      const said = (events: StreamEvent[]) => events.flatMap((e) => e.data.message?.body ?? []);
      for (const { id, stream } of pages) {
        await stream.until((events) => said(events).length >= 3);
        expect(said(stream.events).sort()).toEqual([`${id}-一`, `${id}-三`, `${id}-二`]);
        expect(stream.events.every((e) => e.data.conversationId === id)).toBe(true);
      }
    } finally {
      for (const { stream } of pages) stream.close();
    }
  });

  test.runIf(onPostgres)(
    "PostgreSQL: a reply written by one API process reaches a page held open by another",
    async () => {
      const url = (ctx.deps.database as TestDatabase).url!;
      const second = await openPostgres(url, 5);
      const otherProcess = await buildApp({ ...ctx.deps, database: second, db: second.db });
      try {
        const address = await otherProcess.listen({ port: 0, host: "127.0.0.1" });
        const live = await client.registerShopper();
        const id = (await client.post(base, {}, live.token)).body.conversation.id;
        const stream = await openStream(`${address}${base}/${id}/events`, live.token);
        await client.post(`${desk}/${id}/messages`, { text: "另一个进程的回复" }, support);
        await stream.until((events) => events.some((e) => e.data.message?.body === "另一个进程的回复"));
        stream.close();
      } finally {
        await otherProcess.close();
        await second.close();
      }
    },
  );
});
