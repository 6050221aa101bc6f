// Parcel tracking (物流轨迹) as a shopper and a merchant meet it: a parcel shipped with a sloppily typed
// number is kept as printed, its route is fetched, cached and refreshed while in transit (the sandbox route
// moves with the clock), the shopper's order page reads it, "signed for" brings auto-receive forward when the
// merchant switches it on; 快递100 is asked with signed requests (a local fake checks them), and a garbled or
// slow answer leaves a clear state without breaking anything else.
import { afterAll, describe, expect, test } from "vitest";
import { createKuaidi100 } from "../../src/adapters/carriers/index.ts";
import { outboxHandlers } from "../../src/jobs/deliver-outbox.ts";
import { receiveDueOrders } from "../../src/modules/orders/service.ts";
import { deliverOutbox } from "../../src/modules/outbox/service.ts";
import { refreshDueParcels } from "../../src/modules/parcels/service.ts";
import { createFreight, createProduct, pay, placeOrder, shopperWithAddress } from "../commerce/fixtures.ts";
import { startKuaidi100Fake } from "../fake-gateways/kuaidi100-gateway.ts";
import { startTestApp } from "../support/test-app.ts";

const ctx = await startTestApp();
const { client, deps, clock } = ctx;
const owner = await client.loginOwner();
const freight = await createFreight(ctx, owner);
const product = await createProduct(ctx, owner, {
  freightTemplateId: freight,
  skus: [{ priceFen: 3900, stock: 100, specValues: [] }],
});
const fake = await startKuaidi100Fake();
afterAll(() => fake.close());

const STEP = deps.config.parcelSandboxStepMs;
const DAY = 86_400_000;
type Buyer = Awaited<ReturnType<typeof shopperWithAddress>>;

async function paidOrder(buyer?: Buyer) {
  const who = buyer ?? (await shopperWithAddress(ctx));
  const order = await placeOrder(ctx, who, [{ skuId: product.skus[0]!.id, quantity: 1 }]);
  await pay(ctx, order);
  return { buyer: who, order };
}

async function ship(orderId: number, carrier: string, trackingNo: string) {
  const res = await client.post(
    `/api/admin/v1/orders/${orderId}/ship`,
    { parcels: [{ carrier, trackingNo }] },
    owner,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const parcelsOf = async (orderId: number, token: string) =>
  (await client.get(`/api/v1/orders/${orderId}/parcels`, token)).body.items;

describe("parcel tracking", () => {
  test("a spaced, lower-case number is kept as printed; the shopper follows the route to signed for and is told it shipped", async () => {
    deps.parcelCarrier = undefined;
    const { buyer, order } = await paidOrder();
    const bad = await client.post(
      `/api/admin/v1/orders/${order.id}/ship`,
      { parcels: [{ carrier: "顺丰速运", trackingNo: "SF 12#34" }] },
      owner,
    );
    expect(bad.status).toBe(422);
    const shipped = await ship(order.id, "顺丰速运", "  sf 1234 5678 90 ");
    expect(shipped.parcels[0].trackingNo).toBe("SF1234567890");

    let [parcel] = await parcelsOf(order.id, buyer.token);
    expect(parcel).toMatchObject({
      carrierCode: "shunfeng",
      trackingNo: "SF1234567890",
      state: "pending",
      events: [],
    });

    // the sandbox moves a step per STEP, and a parcel is asked about again every parcelRefreshMs (≤ 2.5 steps)
    expect(deps.config.parcelRefreshMs).toBeLessThanOrEqual(2.5 * STEP);
    clock.advance(2.5 * STEP);
    [parcel] = await parcelsOf(order.id, buyer.token);
    expect(parcel.state).toBe("in_transit");
    expect(parcel.events).toHaveLength(2);
    expect(Date.parse(parcel.events[0].at)).toBeGreaterThan(Date.parse(parcel.events[1].at));
    // cached: asked again only when due
    const cached = await parcelsOf(order.id, buyer.token);
    expect(cached[0].checkedAt).toBe(parcel.checkedAt);

    const other = await client.registerShopper();
    expect((await client.get(`/api/v1/orders/${order.id}/parcels`, other.token)).status).toBe(404);
    const staffView = await client.get(`/api/admin/v1/orders/${order.id}/parcels`, owner);
    expect(staffView.body.items[0].events).toEqual(parcel.events);

    clock.advance(deps.config.parcelRefreshMs + 10 * STEP);
    [parcel] = await parcelsOf(order.id, buyer.token);
    expect(parcel.state).toBe("signed");
    expect(parcel.events[0].text).toContain("签收");
    expect(parcel.signedAt).not.toBeNull();

    await deliverOutbox(deps.db, outboxHandlers(deps), { now: deps.now() });
    const notices = (await client.get("/api/v1/notifications", buyer.token)).body.items;
    expect(notices[0]).toMatchObject({
      kind: "order_shipped",
      title: "订单已发货",
      link: `/orders/${order.id}`,
    });
    expect(notices[0].body).toContain("SF1234567890");
  });

  test("signed for brings auto-receive forward only when the merchant switches it on", async () => {
    deps.parcelCarrier = undefined;
    const off = await paidOrder();
    await ship(off.order.id, "中通快递", "ZT0000000001");
    const before = (await client.get(`/api/v1/orders/${off.order.id}`, off.buyer.token)).body
      .autoReceiveDueAt;
    clock.advance(10 * STEP);
    await refreshDueParcels(deps, deps.now());
    expect((await parcelsOf(off.order.id, off.buyer.token))[0].state).toBe("signed");
    expect((await client.get(`/api/v1/orders/${off.order.id}`, off.buyer.token)).body.autoReceiveDueAt).toBe(
      before,
    );

    const saved = await client.patch(
      "/api/admin/v1/settings",
      { service: { autoReceiveOnSigned: true, autoReceiveDaysAfterSigned: 2 } },
      owner,
    );
    expect(saved.body.service).toMatchObject({ autoReceiveOnSigned: true, autoReceiveDaysAfterSigned: 2 });
    const on = await paidOrder();
    await ship(on.order.id, "圆通速递", "YT0000000002");
    const originalDue = Date.parse(
      (await client.get(`/api/v1/orders/${on.order.id}`, on.buyer.token)).body.autoReceiveDueAt,
    );
    clock.advance(10 * STEP);
    await refreshDueParcels(deps, deps.now());
    const [track] = await parcelsOf(on.order.id, on.buyer.token);
    const detail = (await client.get(`/api/v1/orders/${on.order.id}`, on.buyer.token)).body;
    expect(Date.parse(detail.autoReceiveDueAt)).toBe(Date.parse(track.signedAt) + 2 * DAY);
    expect(Date.parse(detail.autoReceiveDueAt)).toBeLessThan(originalDue);
    expect(detail.timeline.map((e: { kind: string }) => e.kind)).toContain("parcel_signed");

    clock.advance(2 * DAY);
    await receiveDueOrders(deps, deps.now());
    expect((await client.get(`/api/v1/orders/${on.order.id}`, on.buyer.token)).body.status).toBe("received");
    expect((await client.get(`/api/v1/orders/${off.order.id}`, off.buyer.token)).body.status).toBe("shipped");
    await client.patch("/api/admin/v1/settings", { service: { autoReceiveOnSigned: false } }, owner);
  });

  test("快递100 is asked with signed requests; a garbled or slow answer keeps a clear state and nothing else breaks", async () => {
    deps.parcelCarrier = createKuaidi100({
      customer: fake.customer,
      secretKey: fake.key,
      baseUrl: fake.url,
      // the slow parcel costs this long; the others answer well within it even on a busy machine
      timeoutMs: 1500,
    });
    fake.parcels.set("ZTO100", {
      kind: "route",
      state: "0",
      data: [
        { context: "【杭州市】已到达 杭州转运中心", time: "2026-11-24 08:30:00" },
        { context: "【深圳市】已揽收", time: "2026-11-23 20:00:00" },
      ],
    });
    fake.parcels.set("YTO200", { kind: "malformed" });
    fake.parcels.set("YD300", { kind: "slow" });
    const good = await paidOrder();
    const garbled = await paidOrder();
    const slow = await paidOrder();
    const unknown = await paidOrder();
    await ship(good.order.id, "中通快递", "zto100");
    await ship(garbled.order.id, "圆通速递", "YTO200");
    await ship(slow.order.id, "韵达", "yd 300");
    await ship(unknown.order.id, "同城闪送", "SS400");

    expect(await refreshDueParcels(deps, deps.now())).toBe(3);
    expect(fake.requests).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ com: "zhongtong", num: "ZTO100" }),
        expect.objectContaining({ com: "yuantong", num: "YTO200" }),
        expect.objectContaining({ com: "yunda", num: "YD300" }),
      ]),
    );
    expect(fake.requests.some((r) => r.num === "SS400")).toBe(false);

    const [route] = await parcelsOf(good.order.id, good.buyer.token);
    expect(route).toMatchObject({ state: "in_transit", lastError: null });
    expect(route.events).toEqual([
      { at: "2026-11-24T00:30:00.000Z", text: "【杭州市】已到达 杭州转运中心" },
      { at: "2026-11-23T12:00:00.000Z", text: "【深圳市】已揽收" },
    ]);
    expect((await parcelsOf(garbled.order.id, garbled.buyer.token))[0]).toMatchObject({
      state: "pending",
      lastError: "malformed",
    });
    expect((await parcelsOf(slow.order.id, slow.buyer.token))[0]).toMatchObject({ lastError: "timeout" });
    expect((await parcelsOf(unknown.order.id, unknown.buyer.token))[0]).toMatchObject({
      carrierCode: null,
      lastError: "unsupported_carrier",
    });
    expect((await client.get(`/api/v1/orders/${garbled.order.id}`, garbled.buyer.token)).status).toBe(200);

    // the carrier recovers: the next refresh reads the route, signed for, and stops asking
    fake.parcels.set("YTO200", {
      kind: "route",
      state: "3",
      data: [{ context: "已签收，签收人：本人", time: "2026-11-24 10:00:00" }],
    });
    fake.parcels.set("YD300", { kind: "not_found" });
    clock.advance(deps.config.parcelRefreshMs);
    await refreshDueParcels(deps, deps.now());
    expect((await parcelsOf(garbled.order.id, garbled.buyer.token))[0]).toMatchObject({
      state: "signed",
      lastError: null,
      signedAt: "2026-11-24T02:00:00.000Z",
    });
    expect((await parcelsOf(slow.order.id, slow.buyer.token))[0]).toMatchObject({
      state: "pending",
      lastError: null,
    });

    const wrongKey = createKuaidi100({
      customer: fake.customer,
      secretKey: "not-the-key",
      baseUrl: fake.url,
    });
    expect(
      await wrongKey.query({ carrierCode: "zhongtong", trackingNo: "ZTO100", shippedAt: deps.now() }),
    ).toMatchObject({ kind: "failed", reason: "rejected" });
    await ship((await paidOrder()).order.id, "顺丰", "SF777");
    await refreshDueParcels(deps, deps.now());
    expect(fake.requests.find((r) => r.num === "SF777")).toMatchObject({
      com: "shunfeng",
      phone: "13912340000",
    });
    deps.parcelCarrier = undefined;
  });

  test("each sweep takes a bounded batch; parcels signed for are never asked about again", async () => {
    deps.parcelCarrier = undefined;
    // whatever earlier tests left due is settled first
    clock.advance(DAY);
    while ((await refreshDueParcels(deps, deps.now(), 100)) > 0) clock.advance(deps.config.parcelRefreshMs);
    for (let i = 0; i < 5; i += 1) await ship((await paidOrder()).order.id, "申通快递", `ST00000000${i}`);
    clock.advance(10 * STEP);
    expect(await refreshDueParcels(deps, deps.now(), 2)).toBe(2);
    expect(await refreshDueParcels(deps, deps.now(), 2)).toBe(2);
    expect(await refreshDueParcels(deps, deps.now(), 2)).toBe(1);
    expect(await refreshDueParcels(deps, deps.now(), 2)).toBe(0);
    clock.advance(DAY);
    expect(await refreshDueParcels(deps, deps.now(), 100)).toBe(0);
  });
});
