// 评价 over HTTP: a buyer reviews a received line once, with stars, text kept as typed and photos from this
// shop; the product page shows rating, counts and the newest; not before receipt, not twice (even in a
// race), not for someone else's line, not after a full refund; staff reply, hide with a reason (audited),
// show again; staff without reviews.moderate are refused.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { createLocalStorage } from "../../src/modules/uploads/storage.ts";
import { createFreight, createProduct, pay, placeOrder, shopperWithAddress } from "../commerce/fixtures.ts";
import { distributor, enableDistribution } from "../distribution/support.ts";
import { multipart, PNG } from "../service/support.ts";
import { startTestApp } from "../support/test-app.ts";

const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "liebian-reviews-"));
const ctx = await startTestApp({ storage: createLocalStorage(uploadDir) });
const { client, app } = ctx;
const owner = await client.loginOwner();
const finance = await client.createStaff(owner, "finance");
const support = await client.createStaff(owner, "support");
const freight = await createFreight(ctx, owner);
const product = await createProduct(ctx, owner, {
  title: "云南小粒咖啡",
  freightTemplateId: freight,
  skus: [{ priceFen: 5900, stock: 100, specValues: [] }],
});

async function boughtAndShipped(shopper: { token: string; addressId: number }) {
  const order = await placeOrder(ctx, shopper, [{ skuId: product.skus[0]!.id, quantity: 1 }]);
  await pay(ctx, order);
  const shipped = await client.post(
    `/api/admin/v1/orders/${order.id}/ship`,
    { parcels: [{ carrier: "顺丰", trackingNo: "SF1234567890" }] },
    owner,
  );
  expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
  return { order, line: order.items[0] as { id: number } };
}

async function receive(orderId: number, token: string) {
  const received = await client.post(`/api/v1/orders/${orderId}/confirm-receipt`, {}, token);
  expect(received.status, JSON.stringify(received.body)).toBe(200);
  return received;
}
const review = (token: string, body: Record<string, unknown>) => client.post("/api/v1/reviews", body, token);

describe("reviews", () => {
  test("after receipt a buyer reviews with stars, text and a photo; the product page shows it; never twice", async () => {
    const buyer = await shopperWithAddress(ctx, { nickname: "小林" });
    const { order, line } = await boughtAndShipped(buyer);
    const early = await review(buyer.token, { orderItemId: line.id, rating: 5 });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({
      code: "REVIEW_NOT_ALLOWED",
      details: { reason: "NOT_RECEIVED" },
    });

    expect((await receive(order.id, buyer.token)).status).toBe(200);
    const lines = await client.get(`/api/v1/orders/${order.id}/reviewable`, buyer.token);
    expect(lines.body.items).toEqual([expect.objectContaining({ orderItemId: line.id, refusal: null })]);

    const photo = (
      await app.inject({ method: "POST", url: "/api/v1/uploads", ...multipart(buyer.token, PNG) })
    ).json();
    const script = "<script>alert(1)</script><b>很香</b>，回购！";
    const created = await review(buyer.token, {
      orderItemId: line.id,
      rating: 5,
      text: script,
      photos: [photo.url],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ rating: 5, body: script, photos: [photo.url], author: "小林" });

    const page = await client.get(`/api/v1/products/${product.id}/reviews`);
    expect(page.body.summary).toEqual({ count: 1, average: 5, withPhotos: 1, stars: [0, 0, 0, 0, 1] });
    // stored and answered as the text it was: the apps render it as text
    expect(page.body.items[0]).toMatchObject({ body: script, author: "小*" });

    const twice = await review(buyer.token, { orderItemId: line.id, rating: 1 });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe("REVIEW_EXISTS");
    const stranger = await client.registerShopper();
    expect((await review(stranger.token, { orderItemId: line.id, rating: 1 })).status).toBe(404);
  });

  test("two reviews of one line at once: one is kept, the other refused", async () => {
    const buyer = await shopperWithAddress(ctx);
    const { order, line } = await boughtAndShipped(buyer);
    await receive(order.id, buyer.token);
    const [a, b] = await Promise.all([
      review(buyer.token, { orderItemId: line.id, rating: 4, text: "不错" }),
      review(buyer.token, { orderItemId: line.id, rating: 3, text: "一般" }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error.code).toBe("REVIEW_EXISTS");
  });

  test("a line refunded in full cannot be reviewed; bad stars, too many or foreign photos are refused", async () => {
    const buyer = await shopperWithAddress(ctx);
    const { order, line } = await boughtAndShipped(buyer);
    await receive(order.id, buyer.token);
    const asked = await client.post(
      `/api/v1/orders/${order.id}/after-sales`,
      { kind: "refund_only", items: [{ orderItemId: line.id, quantity: 1 }], reason: "坏了" },
      buyer.token,
    );
    expect(asked.status).toBe(201);
    await client.post(`/api/admin/v1/after-sales/${asked.body.id}/approve`, { note: "同意" }, owner);
    const refunded = await review(buyer.token, { orderItemId: line.id, rating: 1 });
    expect(refunded.status).toBe(409);
    expect(refunded.body.error.details).toEqual({ reason: "REFUNDED" });

    for (const body of [
      { orderItemId: line.id, rating: 6 },
      { orderItemId: line.id, rating: 0 },
      {
        orderItemId: line.id,
        rating: 5,
        photos: Array.from({ length: 10 }, () => "/uploads/aftersale/202611/a.png"),
      },
    ]) {
      expect((await review(buyer.token, body)).status).toBe(422);
    }
    const foreign = await review(buyer.token, {
      orderItemId: line.id,
      rating: 5,
      photos: ["https://evil.example/a.png"],
    });
    expect(foreign.body.error.code).toBe("MESSAGE_IMAGE_INVALID");
  });

  test("staff reply, hide with a reason (audited) and show again; finance may not", async () => {
    const buyer = await shopperWithAddress(ctx);
    const { order, line } = await boughtAndShipped(buyer);
    await receive(order.id, buyer.token);
    const created = await review(buyer.token, { orderItemId: line.id, rating: 1, text: "加我微信 xxx 低价" });
    const id = created.body.id;

    expect((await client.post(`/api/admin/v1/reviews/${id}/hide`, { reason: "广告" }, finance)).status).toBe(
      403,
    );
    const hidden = await client.post(`/api/admin/v1/reviews/${id}/hide`, { reason: "广告" }, support);
    expect(hidden.body).toMatchObject({ status: "hidden", hiddenReason: "广告" });
    const page = await client.get(`/api/v1/products/${product.id}/reviews?limit=50`);
    expect(page.body.items.map((r: { id: number }) => r.id)).not.toContain(id);
    expect((await client.get(`/api/v1/reviews/${id}`)).status).toBe(404);
    const noReason = await client.post(`/api/admin/v1/reviews/${id}/hide`, { reason: " " }, support);
    expect(noReason.status).toBe(422);

    await client.post(`/api/admin/v1/reviews/${id}/show`, {}, support);
    const replied = await client.post(`/api/admin/v1/reviews/${id}/reply`, { reply: "感谢反馈" }, support);
    expect(replied.body).toMatchObject({ status: "visible", reply: "感谢反馈" });
    expect((await client.get(`/api/v1/reviews/${id}`)).body).toMatchObject({ reply: "感谢反馈" });

    const audit = await client.get("/api/admin/v1/audit-log?entity=review", owner);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(["review.hide", "review.show", "review.reply"]),
    );
    const listed = await client.get("/api/admin/v1/reviews?status=visible", support);
    expect(listed.body.items.find((r: { id: number }) => r.id === id)).toMatchObject({
      productTitle: "云南小粒咖啡",
    });
  });

  test("a distributor shares a good review: a short link opens the product with it on top and carries their code", async () => {
    await enableDistribution(ctx, owner);
    const sharer = await distributor(ctx);
    const fan = await shopperWithAddress(ctx, { nickname: "阿芳" });
    const good = await boughtAndShipped(fan);
    await receive(good.order.id, fan.token);
    const written = await review(fan.token, {
      orderItemId: good.line.id,
      rating: 5,
      text: "<b>香</b>，第三次回购了",
    });
    const grumpy = await shopperWithAddress(ctx);
    const meh = await boughtAndShipped(grumpy);
    await receive(meh.order.id, grumpy.token);
    const poor = await review(grumpy.token, { orderItemId: meh.line.id, rating: 2, text: "一般" });

    const shared = await client.get(`/api/v1/reviews/${written.body.id}/share`, sharer.token);
    expect(shared.status, JSON.stringify(shared.body)).toBe(200);
    expect(shared.body.link).toBe(`${ctx.deps.config.publicUrl}/s/${sharer.code}/r/${written.body.id}`);
    expect(shared.body.text).toBe("★★★★★ 阿*：「<b>香</b>，第三次回购了」");
    expect(shared.body.review).toMatchObject({ id: written.body.id, author: "阿*" });

    const opened = await client.get(`/s/${sharer.code}/r/${written.body.id}`);
    expect(opened.status).toBe(302);
    expect(opened.headers.location).toBe(
      `/products/${product.id}?ref=${sharer.code}&review=${written.body.id}`,
    );

    const refused = await client.get(`/api/v1/reviews/${poor.body.id}/share`, sharer.token);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: "REVIEW_NOT_SHAREABLE", details: { rating: 2 } });
    const notDistributor = await client.get(`/api/v1/reviews/${written.body.id}/share`, fan.token);
    expect(notDistributor.body.error.code).toBe("NOT_DISTRIBUTOR");

    await client.post(`/api/admin/v1/reviews/${written.body.id}/hide`, { reason: "含广告" }, owner);
    expect((await client.get(`/api/v1/reviews/${written.body.id}/share`, sharer.token)).status).toBe(404);
    expect((await client.get(`/s/${sharer.code}/r/${written.body.id}`)).headers.location).toBe(
      `/?ref=${sharer.code}`,
    );
  });
});
