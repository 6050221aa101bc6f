// The shopper's message centre: paid, shipped, an after-sale approved or rejected, a refund reach it from the
// outbox (once, however often it is delivered), a service reply where it happens; the unread badge counts
// them; nobody sees another's.
import { fen, formatYuan } from "@liebian/domain";
import { describe, expect, test } from "vitest";
import { outboxHandlers } from "../../src/jobs/deliver-outbox.ts";
import { releaseDueCommissions } from "../../src/modules/commissions/lifecycle.ts";
import { deliverOutbox } from "../../src/modules/outbox/service.ts";
import { createFreight, createProduct, pay, placeOrder, shopperWithAddress } from "../commerce/fixtures.ts";
import {
  buyer as buyerVia,
  distributor,
  enableDistribution,
  shipAndReceive,
} from "../distribution/support.ts";
import { startTestApp } from "../support/test-app.ts";

const ctx = await startTestApp();
const { client, deps } = ctx;
const owner = await client.loginOwner();
const freight = await createFreight(ctx, owner);
const product = await createProduct(ctx, owner, {
  freightTemplateId: freight,
  skus: [{ priceFen: 5900, stock: 10, specValues: [] }],
});
const deliver = () => deliverOutbox(deps.db, outboxHandlers(deps), { now: deps.now() });

describe("message centre", () => {
  test("paid and refunded reach the buyer once each; a service reply too; read clears the badge", async () => {
    const buyer = await shopperWithAddress(ctx);
    const other = await client.registerShopper();
    const order = await placeOrder(ctx, buyer, [{ skuId: product.skus[0]!.id, quantity: 1 }]);
    await pay(ctx, order);
    await deliver();
    await deliver();
    let list = await client.get("/api/v1/notifications", buyer.token);
    expect(list.body.items).toEqual([
      expect.objectContaining({ kind: "order_paid", title: "订单已付款", link: `/orders/${order.id}` }),
    ]);
    expect(list.body.items[0].body).toContain(`¥${formatYuan(fen(order.payableFen))}`);

    const asked = await client.post(
      `/api/v1/orders/${order.id}/after-sales`,
      { kind: "refund_only", items: [{ orderItemId: order.items[0].id, quantity: 1 }], reason: "不想要了" },
      buyer.token,
    );
    await client.post(`/api/admin/v1/after-sales/${asked.body.id}/approve`, { note: "同意" }, owner);
    await deliver();

    const conversation = (await client.post("/api/v1/service/conversations", {}, buyer.token)).body
      .conversation;
    await client.post(
      `/api/admin/v1/service/conversations/${conversation.id}/messages`,
      { text: "您好" },
      owner,
    );
    await client.post(
      `/api/admin/v1/service/conversations/${conversation.id}/messages`,
      { text: "还在吗" },
      owner,
    );

    list = await client.get("/api/v1/notifications", buyer.token);
    expect(list.body.items.map((n: { kind: string }) => n.kind)).toEqual([
      "service_reply",
      "order_refunded",
      "after_sale_approved",
      "order_paid",
    ]);
    expect(list.body.items[2]).toMatchObject({ title: "售后申请已同意", link: "/after-sales" });
    expect((await client.get("/api/v1/notifications/unread", buyer.token)).body).toEqual({ unread: 4 });
    expect((await client.get("/api/v1/notifications", other.token)).body.items).toEqual([]);

    const othersRead = await client.post(
      "/api/v1/notifications/read",
      { ids: [list.body.items[0].id] },
      other.token,
    );
    expect(othersRead.body).toEqual({ unread: 0 });
    expect((await client.get("/api/v1/notifications/unread", buyer.token)).body).toEqual({ unread: 4 });
    const read = await client.post("/api/v1/notifications/read", {}, buyer.token);
    expect(read.body).toEqual({ unread: 0 });
    expect((await client.get("/api/v1/notifications/unread")).status).toBe(401);
  });

  test("a rejected after-sale says why; shipping says which parcel", async () => {
    const buyer = await shopperWithAddress(ctx);
    const order = await placeOrder(ctx, buyer, [{ skuId: product.skus[0]!.id, quantity: 1 }]);
    await pay(ctx, order);
    const asked = await client.post(
      `/api/v1/orders/${order.id}/after-sales`,
      { kind: "refund_only", items: [{ orderItemId: order.items[0].id, quantity: 1 }], reason: "拍错了" },
      buyer.token,
    );
    const rejected = await client.post(
      `/api/admin/v1/after-sales/${asked.body.id}/reject`,
      { note: "已打包，请收货后申请退货" },
      owner,
    );
    expect(rejected.status).toBe(200);
    await client.post(
      `/api/admin/v1/orders/${order.id}/ship`,
      { parcels: [{ carrier: "中通快递", trackingNo: "ZT778899001" }] },
      owner,
    );
    await deliver();
    await deliver();
    const items = (await client.get("/api/v1/notifications", buyer.token)).body.items;
    expect(items.map((n: { kind: string }) => n.kind)).toEqual([
      "order_shipped",
      "after_sale_rejected",
      "order_paid",
    ]);
    expect(items[0]).toMatchObject({ title: "订单已发货", link: `/orders/${order.id}` });
    expect(items[0].body).toContain("中通快递 ZT778899001");
    expect(items[1]).toMatchObject({ title: "售后申请未通过" });
    expect(items[1].body).toContain("已打包，请收货后申请退货");
  });

  test("a distributor hears that a commission was released and that a withdrawal was paid", async () => {
    await enableDistribution(ctx, owner, {
      plan: { enabled: true, levels: 1, ratesBps: [1000, 0, 0], release: { mode: "after_receipt", days: 0 } },
      withdrawal: { methods: ["bank"], minimumFen: 100 },
    });
    const sharer = await distributor(ctx);
    const friend = await buyerVia(ctx, sharer.code);
    const order = await placeOrder(ctx, friend, [{ skuId: product.skus[0]!.id, quantity: 1 }]);
    await pay(ctx, order);
    await shipAndReceive(ctx, owner, order, friend.token);
    ctx.clock.advance(1000);
    await releaseDueCommissions(deps, deps.now());
    await deliver();
    const asked = await client.post(
      "/api/v1/distribution/withdrawals",
      { method: "bank", realName: "欧阳娜娜", account: "6222021234567890123", consent: true, amountFen: 500 },
      sharer.token,
    );
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const finance = await client.createStaff(owner, "finance");
    const paid = await client.post(
      `/api/admin/v1/distribution/withdrawals/${asked.body.id}/approve`,
      {},
      finance,
    );
    expect(paid.body).toMatchObject({ status: "paid" });
    await deliver();
    const items = (await client.get("/api/v1/notifications", sharer.token)).body.items;
    expect(items.map((n: { kind: string }) => n.kind)).toEqual(["withdrawal_paid", "commission_released"]);
    expect(items[1]).toMatchObject({ title: "佣金已到账", body: "¥5.90 佣金已解冻，可以提现了。" });
    expect(items[0]).toMatchObject({ title: "提现已到账", link: "/distribution/withdraw" });
  });
});
