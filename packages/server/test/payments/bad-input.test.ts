// The merchant configures WeChat Pay in the admin (keys sealed at rest, never shown back), then the issue's
// bad-input list arrives at the notify route: each is refused with a logged reason and changes nothing.
// Last, the server's whole log output of this file is searched for the keys: they must not be there.
import { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { queryRows } from "../../src/db/client.ts";
import { createSecretBox } from "../../src/lib/secret-box.ts";
import { loadStoredPaymentProviders } from "../../src/modules/payments/settings.ts";
import { createProduct, placeOrder, shopperWithAddress } from "../commerce/fixtures.ts";
import { rsaPair } from "../fake-gateways/keys.ts";
import { startWechatPayFake } from "../fake-gateways/wechat-pay-gateway.ts";
import { startTestApp } from "../support/test-app.ts";

const logLines: string[] = [];
const logStream = new Writable({
  write(chunk, _encoding, done) {
    logLines.push(String(chunk));
    done();
  },
});

const fake = await startWechatPayFake();
afterAll(() => fake.close());
const ctx = await startTestApp({ paymentProviders: {} }, { logger: { level: "debug", stream: logStream } });
const { client, deps, clock } = ctx;
const owner = await client.loginOwner();
const product = await createProduct(ctx, owner, { skus: [{ priceFen: 6_600, stock: 100 }] });
const shopper = await shopperWithAddress(ctx);
const alipayApp = rsaPair();

const wechatSettings = {
  enabled: true,
  mchid: fake.mchid,
  appid: fake.appid,
  merchantSerial: fake.merchantSerial,
  wechatpayPublicKeys: { [fake.publicKeyId]: fake.platform.publicKeyPem },
  baseUrl: fake.url,
  merchantPrivateKeyPem: fake.merchant.privateKeyPem,
  apiV3Key: fake.apiV3Key,
};
/** Pieces of every secret this file uses, as they would appear if anything printed them. */
const secretNeedles = [
  fake.apiV3Key,
  fake.merchant.privateKeyPem.split("\n")[5]!,
  alipayApp.privateKeyPem.split("\n")[5]!,
];

const running = (name: string) =>
  (deps.paymentProviders as Record<string, { name: string } | undefined> | undefined)?.[name]?.name;
const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(deps.db, query);
const orderStatus = async (id: number) =>
  (await client.get(`/api/v1/orders/${id}`, shopper.token)).body.status as string;
const newOrder = () => placeOrder(ctx, shopper, [{ skuId: product.skus[0]!.id, quantity: 2 }]);
const transaction = (
  order: { orderNo: string; payableFen: number },
  overrides: Record<string, unknown> = {},
) => ({
  mchid: fake.mchid,
  appid: fake.appid,
  out_trade_no: order.orderNo,
  transaction_id: `4200${order.orderNo}`,
  trade_state: "SUCCESS",
  success_time: "2026-11-23T10:00:05+08:00",
  amount: { total: order.payableFen, payer_total: order.payableFen, currency: "CNY" },
  ...overrides,
});
type Delivery = { headers: Record<string, string>; rawBody: Buffer };
const paidNotification = (plain: Record<string, unknown>, options: Record<string, unknown> = {}) =>
  fake.notification({
    eventType: "TRANSACTION.SUCCESS",
    originalType: "transaction",
    plain,
    nowMs: clock.now().getTime(),
    ...options,
  });
const post = (delivery: Delivery) =>
  ctx.app.inject({
    method: "POST",
    url: "/api/v1/payments/notify/wechat",
    headers: { ...delivery.headers, "content-type": "application/json" },
    payload: delivery.rawBody,
  });

describe("payment settings in the admin", () => {
  test("only the owner configures; secrets are sealed at rest and come back as hints only", async () => {
    const finance = await client.createStaff(owner, "finance");
    expect((await client.put("/api/admin/v1/payments/settings/wechat", wechatSettings, finance)).status).toBe(
      403,
    );

    const saved = await client.put("/api/admin/v1/payments/settings/wechat", wechatSettings, owner);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({
      provider: "wechat",
      enabled: true,
      settings: { mchid: fake.mchid, appid: fake.appid },
      secrets: {
        merchantPrivateKeyPem: expect.stringMatching(/^SHA256:[0-9a-f]{16}$/),
        apiV3Key: `${"*".repeat(28)}${fake.apiV3Key.slice(-4)}`,
      },
      paymentNotifyUrl: `${deps.config.publicUrl}/api/v1/payments/notify/wechat`,
    });
    const listed = await client.get("/api/admin/v1/payments/settings", owner);
    const shown = JSON.stringify([saved.body, listed.body]);
    for (const needle of secretNeedles) expect(shown).not.toContain(needle);

    const [stored] = await rows<{ public: unknown; secrets_sealed: string }>(
      sql`select public, secrets_sealed from payment_settings where provider = 'wechat'`,
    );
    expect(stored!.secrets_sealed).toMatch(/^v1:/);
    expect(JSON.stringify(stored)).not.toContain(fake.apiV3Key);
    expect(JSON.stringify(stored)).not.toContain(secretNeedles[1]);
    expect(running("wechat")).toBe("wechat");
  });

  test("saving without the secrets keeps them; a key that does not load is refused, naming the field", async () => {
    const { merchantPrivateKeyPem: _k, apiV3Key: _a, ...publicOnly } = wechatSettings;
    const kept = await client.put(
      "/api/admin/v1/payments/settings/wechat",
      { ...publicOnly, appid: fake.appid },
      owner,
    );
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect(kept.body.secrets.apiV3Key.endsWith(fake.apiV3Key.slice(-4))).toBe(true);

    const broken = await client.put(
      "/api/admin/v1/payments/settings/wechat",
      {
        ...wechatSettings,
        merchantPrivateKeyPem: "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----",
      },
      owner,
    );
    expect(broken.status).toBe(422);
    expect(broken.body.error).toMatchObject({
      code: "PAYMENT_SETTINGS_INVALID",
      details: { field: "merchantPrivateKeyPem" },
    });
    const firstAlipay = await client.put(
      "/api/admin/v1/payments/settings/alipay",
      {
        enabled: true,
        appId: "2021000000000001",
        sellerId: "2088000000000001",
        alipayPublicKey: rsaPair().publicKeyPem,
      },
      owner,
    );
    expect(firstAlipay.body.error).toMatchObject({
      code: "PAYMENT_SETTINGS_INVALID",
      details: { field: "privateKey" },
    });
    const alipay = await client.put(
      "/api/admin/v1/payments/settings/alipay",
      {
        enabled: false,
        appId: "2021000000000001",
        sellerId: "2088000000000001",
        alipayPublicKey: rsaPair().publicKeyPem,
        privateKey: alipayApp.privateKeyPem,
      },
      owner,
    );
    expect(alipay.status, JSON.stringify(alipay.body)).toBe(200);
    expect(running("alipay")).toBeUndefined(); // saved, but switched off
    const methods = await client.get("/api/v1/payments/methods");
    expect(methods.body.methods).toEqual(["wechat"]);

    // A restart builds the enabled providers from the stored settings; another SECRET_KEY cannot open them.
    delete deps.paymentProviders!.wechat;
    expect(await loadStoredPaymentProviders(deps)).toEqual([]);
    expect(running("wechat")).toBe("wechat");
    const wrongKey = { ...deps, secretBox: createSecretBox("another-secret-key-of-enough-length-000") };
    expect(await loadStoredPaymentProviders(wrongKey)).toEqual(["wechat"]);

    // The provider still decrypts with the kept APIv3 key: a genuine notification pays.
    const order = await newOrder();
    expect((await post(paidNotification(transaction(order)))).statusCode).toBe(204);
    expect(await orderStatus(order.id)).toBe("paid");
  });
});

describe("bad notifications are refused with a logged reason and change nothing", () => {
  const other = rsaPair();
  test.each([
    {
      label: "bad signature",
      reason: "NOTIFY_SIGNATURE_INVALID",
      make: (o: Order) => paidNotification(transaction(o), { signWith: other.privateKeyPem }),
    },
    {
      label: "stale timestamp (−301 s)",
      reason: "NOTIFY_TIMESTAMP_STALE",
      make: (o: Order) => paidNotification(transaction(o), { timestampOffsetS: -301 }),
    },
    {
      label: "unknown order",
      reason: "NOT_FOUND",
      make: (o: Order) => paidNotification(transaction(o, { out_trade_no: "LB_NO_SUCH_ORDER" })),
    },
    {
      label: "wrong amount (recorded for the merchant)",
      reason: "amount_mismatch",
      make: (o: Order) =>
        paidNotification(
          transaction(o, { amount: { total: o.payableFen - 1, payer_total: 1, currency: "CNY" } }),
        ),
    },
    {
      label: "a body neither JSON nor XML",
      reason: "NOTIFY_MALFORMED",
      make: () => paidNotification({}, { rawBodyOverride: "%%%trade_state=SUCCESS" }),
    },
    {
      label: "another merchant's mchid",
      reason: "NOTIFY_MERCHANT_MISMATCH",
      make: (o: Order) => paidNotification(transaction(o, { mchid: "1900000000" })),
    },
  ])("$label → $reason", async ({ make, reason }) => {
    const order = await newOrder();
    const before = logLines.length;
    const answer = await post(make(order));
    expect(answer.statusCode).toBeGreaterThanOrEqual(400);
    expect(await orderStatus(order.id)).toBe("pending_payment");
    expect((await rows(sql`select 1 from payments where order_no = ${order.orderNo}`)).length).toBe(0);
    const events = await rows<{ reason: string }>(
      sql`select outcome || ': ' || coalesce(reason, '') as reason from provider_events where kind = 'payment' order by id desc limit 1`,
    );
    expect(events[0]!.reason).toContain(reason);
    const logged = logLines.slice(before).map((line) => JSON.parse(line) as { msg: string; reason?: string });
    expect(logged).toContainEqual(
      expect.objectContaining({ msg: "notification refused", reason: expect.stringContaining(reason) }),
    );
  });

  test("a replayed delivery (same nonce) is refused; the first one paid once", async () => {
    const order = await newOrder();
    const delivery = paidNotification(transaction(order));
    expect((await post(delivery)).statusCode).toBe(204);
    const replay = await post(delivery);
    expect(replay.statusCode).toBe(401);
    const pays = await rows(sql`select 1 from order_events where kind = 'pay' and order_id = ${order.id}`);
    expect(pays).toHaveLength(1);
    const [last] = await rows<{ reason: string }>(
      sql`select reason from provider_events order by id desc limit 1`,
    );
    expect(last!.reason).toContain("NOTIFY_NONCE_REPLAYED");
  });

  test("a refund larger than what remains is refused and starts nothing at the provider", async () => {
    const order = await newOrder();
    expect((await post(paidNotification(transaction(order)))).statusCode).toBe(204);
    const items = [{ orderItemId: order.items[0]!.id, quantity: 2 }];
    const tooMuch = await client.post(
      `/api/v1/orders/${order.id}/after-sales`,
      { kind: "refund_only", items, reason: "多退点", requestedFen: order.payableFen + 1 },
      shopper.token,
    );
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error.code).toBe("REFUND_AMOUNT_EXCEEDED");
    expect(await rows(sql`select 1 from refunds where order_no = ${order.orderNo}`)).toHaveLength(0);
    expect(fake.accepted.filter((r) => r.path === "/v3/refund/domestic/refunds")).toHaveLength(0);
    expect(await orderStatus(order.id)).toBe("paid");
  });
});

test("no secret appears anywhere in the server's log output", () => {
  const all = logLines.join("");
  expect(all).toContain("notification refused"); // the capture works: refusals were logged
  expect(all).toContain("/api/admin/v1/payments/settings/wechat"); // configuration requests were logged
  for (const needle of secretNeedles) expect(all).not.toContain(needle);
});

type Order = Awaited<ReturnType<typeof newOrder>>;

describe("a provider name that is a property of every object", () => {
  test("/notify/valueOf, /notify/constructor/refund … are unknown providers (404), never a 500", async () => {
    for (const name of ["valueOf", "constructor", "toString", "hasOwnProperty", "__proto__"]) {
      for (const suffix of ["", "/refund"]) {
        const res = await ctx.app.inject({
          method: "POST",
          url: `/api/v1/payments/notify/${name}${suffix}`,
          headers: { "content-type": "application/json" },
          payload: "{}",
        });
        expect(res.statusCode, `${name}${suffix} ${res.body}`).toBe(404);
      }
    }
  });
});
