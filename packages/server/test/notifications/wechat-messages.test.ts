// WeChat subscription messages: off until the mini-program's keys and a template per kind are set; then each
// new notice goes out once on its kind's template (subscribeMessage.send format, checked by a local fake),
// notices from before the switch are not sent, and a shopper without an openid, a kind without a template or
// a declined subscription is recorded without holding up the rest.
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { createWechatApi } from "../../src/adapters/wechat-api/client.ts";
import { createSubscribeMessageSender } from "../../src/adapters/wechat-api/subscribe-message.ts";
import { queryRows } from "../../src/db/client.ts";
import { users } from "../../src/db/schema/accounts.ts";
import { outboxHandlers } from "../../src/jobs/deliver-outbox.ts";
import { pushNoticesToWechat } from "../../src/modules/notifications/wechat-push.ts";
import { deliverOutbox } from "../../src/modules/outbox/service.ts";
import { createFreight, createProduct, pay, placeOrder, shopperWithAddress } from "../commerce/fixtures.ts";
import { startWechatApiFake } from "../fake-gateways/wechat-api-server.ts";
import { startTestApp } from "../support/test-app.ts";

const ctx = await startTestApp();
const { client, deps } = ctx;
const owner = await client.loginOwner();
const freight = await createFreight(ctx, owner);
const product = await createProduct(ctx, owner, {
  freightTemplateId: freight,
  skus: [{ priceFen: 12800, stock: 50, specValues: [] }],
});
const wechat = await startWechatApiFake();
afterAll(() => wechat.close());

const deliver = () => deliverOutbox(deps.db, outboxHandlers(deps), { now: deps.now() });
const push = () => pushNoticesToWechat(deps, deps.now());

async function buyerWithOpenid(openid: string | null) {
  const buyer = await shopperWithAddress(ctx);
  if (openid) await deps.db.update(users).set({ wechatOpenid: openid }).where(eq(users.id, buyer.userId));
  return buyer;
}

async function paidOrder(buyer: Awaited<ReturnType<typeof shopperWithAddress>>) {
  const order = await placeOrder(ctx, buyer, [{ skuId: product.skus[0]!.id, quantity: 1 }]);
  await pay(ctx, order);
  await deliver();
  return order;
}

describe("WeChat subscription messages", () => {
  test("switched off, nothing is sent; switched on, each new notice goes out once on its kind's template", async () => {
    const early = await buyerWithOpenid("o_early_buyer");
    await paidOrder(early);
    expect(await push()).toBe(0);
    expect(wechat.subscribeMessages).toEqual([]);

    deps.config.wechatSubscribeTemplates = {
      order_paid: {
        templateId: "TPL_ORDER_PAID",
        page: "pages/index/index",
        data: { thing1: "title", thing2: "body", time3: "time" },
      },
    };
    deps.wechatMessages = createSubscribeMessageSender(
      createWechatApi({ appId: wechat.appId, appSecret: wechat.appSecret, apiBaseUrl: wechat.url }),
    );
    // the first run starts from now: the notice paid before the switch is not sent
    expect(await push()).toBe(0);

    const buyer = await buyerWithOpenid("o_buyer_0001");
    const order = await paidOrder(buyer);
    expect(await push()).toBe(1);
    expect(await push()).toBe(0);
    expect(wechat.subscribeMessages).toEqual([
      {
        touser: "o_buyer_0001",
        template_id: "TPL_ORDER_PAID",
        page: `pages/index/index?link=${encodeURIComponent(`/orders/${order.id}`)}`,
        data: {
          thing1: { value: "订单已付款" },
          // WeChat takes at most 20 characters in a thing keyword
          thing2: { value: expect.stringMatching(/^实付 ¥.{1,15}…?$/) },
          time3: { value: "2026-11-23 10:00" },
        },
        miniprogram_state: "formal",
        lang: "zh_CN",
      },
    ]);
    expect(
      [...(wechat.subscribeMessages[0] as { data: { thing2: { value: string } } }).data.thing2.value].length,
    ).toBeLessThanOrEqual(20);

    const noOpenid = await buyerWithOpenid(null);
    await paidOrder(noOpenid);
    const declined = await buyerWithOpenid("o_declined_01");
    wechat.declined.add("o_declined_01");
    await paidOrder(declined);
    // a kind with no template chosen (the service reply) is not sent
    const conversation = (await client.post("/api/v1/service/conversations", {}, buyer.token)).body
      .conversation;
    await client.post(
      `/api/admin/v1/service/conversations/${conversation.id}/messages`,
      { text: "您好" },
      owner,
    );
    expect(await push()).toBe(3);
    const outcomes = await queryRows<{ kind: string; status: string; errcode: number | null }>(
      deps.db,
      sql`select n.kind, p.status, p.errcode from wechat_pushes p join notifications n on n.id = p.notification_id order by p.notification_id`,
    );
    expect(outcomes.map((r) => [r.kind, r.status, r.errcode])).toEqual([
      ["order_paid", "sent", null],
      ["order_paid", "skipped", null],
      ["order_paid", "refused", 43101],
      ["service_reply", "skipped", null],
    ]);
    expect(wechat.subscribeMessages).toHaveLength(1);

    deps.wechatMessages = undefined;
    await paidOrder(buyer);
    expect(await push()).toBe(0);
    expect(wechat.subscribeMessages).toHaveLength(1);
  });
});
