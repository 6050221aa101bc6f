// A shopper's whole path through the mall: browse, cart, quote, order, pay, ship, confirm, complete by sweep.
import { describe, expect, test } from "vitest";
import { completeDueOrders } from "../../src/modules/orders/service.ts";
import { startTestApp } from "../support/test-app.ts";
import { createFreight, createProduct, pay, shopperWithAddress, skuStock } from "./fixtures.ts";

const ctx = await startTestApp();
const { client, clock, deps } = ctx;
const owner = await client.loginOwner();
const DAY = 86_400_000;

describe("browse → cart → checkout → pay → ship → confirm → complete", () => {
  test("the full path, with stock, freight, parcels and the timeline", async () => {
    const clothes = await client.post("/api/admin/v1/categories", { name: "服装" }, owner);
    const men = await client.post(
      "/api/admin/v1/categories",
      { name: "男装", parentId: clothes.body.id },
      owner,
    );
    const shirts = await client.post(
      "/api/admin/v1/categories",
      { name: "衬衫", parentId: men.body.id },
      owner,
    );
    const freight = await createFreight(ctx, owner);
    const shirt = await createProduct(ctx, owner, {
      title: "牛津纺衬衫",
      categoryId: shirts.body.id,
      freightTemplateId: freight,
      descriptionHtml: '<p onclick="x()">好<script>alert(1)</script></p>',
      specAxes: [
        { name: "尺码", values: ["M", "L"] },
        { name: "颜色", values: ["白", "蓝"] },
      ],
      skus: [
        { specValues: ["M", "白"], priceFen: 1990, stock: 5 },
        { specValues: ["L", "蓝"], priceFen: 2190, stock: 5 },
      ],
    });

    // Browse: the category page of 服装 lists the shirt from its grandchild category; search finds it.
    const feed = await client.get(`/api/v1/products?categoryId=${clothes.body.id}`);
    expect(feed.body.items.map((p: { id: number }) => p.id)).toContain(shirt.id);
    const found = await client.get(`/api/v1/products?q=${encodeURIComponent("牛津")}`);
    expect(found.body.items[0].priceFen).toBe(1990);
    const page = await client.get(`/api/v1/products/${shirt.id}`);
    expect(page.body.descriptionHtml).toBe("<p>好</p>");

    const shopper = await shopperWithAddress(ctx);
    const [white, blue] = shirt.skus;
    await client.post("/api/v1/cart/items", { skuId: white!.id, quantity: 1 }, shopper.token);
    const cart = await client.post("/api/v1/cart/items", { skuId: blue!.id, quantity: 1 }, shopper.token);
    expect(cart.body.selectedGoodsFen).toBe(4180);

    // Under ¥50 the ¥8 freight applies; the quote is what the order charges.
    const items = cart.body.lines.map((l: { skuId: number; quantity: number }) => ({
      skuId: l.skuId,
      quantity: l.quantity,
    }));
    const quote = await client.post(
      "/api/v1/checkout/quote",
      { items, addressId: shopper.addressId },
      shopper.token,
    );
    expect(quote.body).toMatchObject({ goodsFen: 4180, freightFen: 800, payableFen: 4980 });
    const placed = await client.post(
      "/api/v1/orders",
      { items, addressId: shopper.addressId, fromCart: true, buyerRemark: "请尽快发货" },
      shopper.token,
    );
    expect(placed.status).toBe(201);
    const order = placed.body;
    expect(order).toMatchObject({ status: "pending_payment", payableFen: 4980, freightFen: 800 });
    expect(order.orderNo).toMatch(/^20261123\d{14}$/);
    expect(order.address.regionText).toBe("广东省 深圳市 南山区");
    expect(order.items[0]).toMatchObject({
      title: "牛津纺衬衫",
      skuLabel: "尺码:M / 颜色:白",
      unitPriceFen: 1990,
    });
    expect(await skuStock(ctx, owner, shirt.id, white!.id)).toBe(4);
    expect((await client.get("/api/v1/cart", shopper.token)).body.lines).toHaveLength(0);

    expect(await pay(ctx, order)).toMatchObject({ outcome: "paid", orderId: order.id });
    expect((await pay(ctx, order)).outcome).toBe("already_paid");

    const shipped = await client.post(
      `/api/admin/v1/orders/${order.id}/ship`,
      { parcels: [{ carrier: "顺丰", trackingNo: "SF1234567890" }] },
      owner,
    );
    expect(shipped.body.status).toBe("shipped");
    const second = await client.post(
      `/api/admin/v1/orders/${order.id}/ship`,
      { parcels: [{ carrier: "中通", trackingNo: "ZT99887766" }] },
      owner,
    );
    expect(second.body.parcels).toHaveLength(2);

    const received = await client.post(`/api/v1/orders/${order.id}/confirm-receipt`, {}, shopper.token);
    expect(received.body.status).toBe("received");

    clock.advance(6 * DAY);
    expect(await completeDueOrders(deps, clock.now())).toBe(0);
    clock.advance(1 * DAY + 1000);
    expect(await completeDueOrders(deps, clock.now())).toBe(1);
    expect(await completeDueOrders(deps, clock.now())).toBe(0);
    const done = await client.get(`/api/v1/orders/${order.id}`, shopper.token);
    expect(done.body.status).toBe("completed");
    expect(done.body.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      "place",
      "pay",
      "ship",
      "add_parcel",
      "confirm_receipt",
      "complete",
    ]);
    const mine = await client.get("/api/v1/orders?status=completed", shopper.token);
    expect(mine.body.items.map((o: { id: number }) => o.id)).toEqual([order.id]);
    expect((await client.get(`/api/admin/v1/products/${shirt.id}`, owner)).body.salesCount).toBe(2);
  });

  test("over ¥50 ships free", async () => {
    const freight = await createFreight(ctx, owner);
    const item = await createProduct(ctx, owner, { freightTemplateId: freight });
    const shopper = await shopperWithAddress(ctx);
    const quote = await client.post(
      "/api/v1/checkout/quote",
      { items: [{ skuId: item.skus[0]!.id, quantity: 1 }], addressId: shopper.addressId },
      shopper.token,
    );
    expect(quote.body).toMatchObject({ goodsFen: 10000, freightFen: 0, payableFen: 10000 });
    expect(quote.body.freight[0].reason).toBe("free_over_amount");
  });
});
