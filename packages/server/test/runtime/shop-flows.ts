// A shop driven over real HTTP, as phones and the payment provider would: setup (owner, distribution
// released at payment, a product, one distributor), and a money flow per buyer (checkout → sandbox payment
// notification → partial refund → withdrawal of what was released → approval → payout) written so that
// calling `advance` again after a crash finishes it from wherever it stopped, never doing a step twice.
import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import { loadSandboxKeys } from "../../src/adapters/payment/sandbox/keys.ts";
import { signSandboxNotification } from "../../src/adapters/payment/sandbox/notification.ts";
import { type HttpReply, httpCall } from "../support/server-process.ts";

const SHENZHEN = { provinceCode: "440000", cityCode: "440300", districtCode: "440305" };

export const sandboxKeyPem = (): string =>
  generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();

/** What the payment provider (the test) has taken from buyers: one entry per captured payment. */
export type ProviderPayment = { outTradeNo: string; transactionId: string; amountFen: number };

export class Shop {
  owner = "";
  distributor = { token: "", code: "" };
  skuId = 0;
  readonly payments: ProviderPayment[] = [];
  /** Notifications the shop answered with FAIL (the provider delivered them again). */
  refusedNotifications = 0;
  private readonly keys;

  constructor(
    public base: string,
    sandboxPem: string,
  ) {
    this.keys = loadSandboxKeys(
      createPrivateKey(sandboxPem).export({ type: "pkcs8", format: "pem" }).toString(),
    );
  }

  call<T = any>(
    method: string,
    url: string,
    body?: unknown,
    token?: string,
    headers?: Record<string, string>,
  ) {
    return httpCall<T>(this.base, method, url, {
      ...(body !== undefined ? { body } : {}),
      ...(token ? { token } : {}),
      ...(headers ? { headers } : {}),
    });
  }

  async expectOk<T = any>(reply: Promise<HttpReply<T>>, what: string): Promise<T> {
    const res = await reply;
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async setup(): Promise<void> {
    const login = await this.expectOk(
      this.call("POST", "/api/admin/v1/auth/login", { username: "owner", password: "owner-pass-123" }),
      "owner login",
    );
    this.owner = login.token;
    await this.expectOk(
      this.call(
        "PUT",
        "/api/admin/v1/distribution/settings",
        {
          plan: {
            enabled: true,
            levels: 2,
            ratesBps: [1000, 500, 0],
            release: { mode: "after_payment", days: 0 },
          },
          eligibility: { kind: "everyone" },
        },
        this.owner,
      ),
      "distribution settings",
    );
    await this.expectOk(
      this.call(
        "POST",
        "/api/admin/v1/freight-templates",
        {
          name: "快递",
          mode: "by_piece",
          defaultRule: { firstUnits: 1, firstFeeFen: 0, additionalUnits: 1, additionalFeeFen: 0 },
        },
        this.owner,
      ),
      "freight",
    );
    const product = await this.expectOk(
      this.call(
        "POST",
        "/api/admin/v1/products",
        {
          title: "崩溃测试商品",
          status: "on_sale",
          skus: [{ priceFen: 10000, stock: 1_000_000, specValues: [] }],
        },
        this.owner,
      ),
      "product",
    );
    this.skuId = product.skus[0].id;
    const shopper = await this.register();
    const joined = await this.expectOk(
      this.call("POST", "/api/v1/distribution/join", {}, shopper.token),
      "join",
    );
    this.distributor = { token: shopper.token, code: joined.inviteCode };
  }

  async register(ref?: string): Promise<{ token: string; userId: number }> {
    const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
    const sent = await this.expectOk(
      this.call("POST", "/api/v1/auth/sms-codes", { phone, purpose: "register" }),
      "sms code",
    );
    const res = await this.expectOk(
      this.call("POST", "/api/v1/auth/register", {
        phone,
        password: "shopper-pass-1",
        code: sent.demoCode,
        ...(ref ? { ref } : {}),
      }),
      "register",
    );
    return { token: res.token, userId: res.user.id };
  }

  /** The provider's notification for a captured payment, delivered until the shop acknowledges it. */
  async deliverPayment(payment: ProviderPayment): Promise<void> {
    // Like WeChat Pay, the provider delivers again (freshly signed) when the shop answers FAIL, and counts it.
    for (let attempt = 1; ; attempt++) {
      const signed = signSandboxNotification(
        {
          id: `evt_${payment.transactionId}`,
          event_type: "TRANSACTION.SUCCESS",
          merchant_id: "sandbox-merchant",
          resource: {
            outTradeNo: payment.outTradeNo,
            transactionId: payment.transactionId,
            amountFen: payment.amountFen,
            status: "paid",
            providerStatus: "SUCCESS",
            paidAtMs: Date.now(),
          },
        },
        this.keys,
        Date.now(),
      );
      const res = await httpCall(this.base, "POST", "/api/v1/payments/notify/sandbox", {
        rawBody: signed.body,
        headers: signed.headers,
      });
      if (res.status < 300) return;
      this.refusedNotifications++;
      if (attempt === 5) throw new Error(`notification: ${res.status} ${JSON.stringify(res.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }

  /** Withdraws what the distributor has available and approves every withdrawal waiting for review. */
  async withdrawAndApprove(): Promise<void> {
    const wallet = await this.expectOk(
      this.call("GET", "/api/v1/distribution/wallet", undefined, this.distributor.token),
      "wallet",
    );
    if (wallet.availableFen >= 1000) {
      const res = await this.call(
        "POST",
        "/api/v1/distribution/withdrawals",
        {
          method: "wechat_api",
          amountFen: wallet.availableFen,
          realName: "王小二",
          account: "o_crash_test",
          consent: true,
        },
        this.distributor.token,
      );
      if (res.status !== 201 && res.status !== 409 && res.status !== 422)
        throw new Error(`withdrawal: ${res.status} ${JSON.stringify(res.body)}`);
    }
    const queue = await this.expectOk(
      this.call("GET", "/api/admin/v1/distribution/withdrawals?status=requested", undefined, this.owner),
      "withdrawal queue",
    );
    for (const w of queue.items as Array<{ id: number }>) {
      const res = await this.call(
        "POST",
        `/api/admin/v1/distribution/withdrawals/${w.id}/approve`,
        {},
        this.owner,
      );
      if (res.status !== 200 && res.body?.error?.code !== "WITHDRAWAL_STATE_INVALID")
        throw new Error(`approve: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }
}

/** One buyer's checkout → payment → partial refund; each step looks at what is done before doing it. */
export class BuyerFlow {
  buyer?: { token: string; userId: number; addressId?: number };
  order?: { id: number; orderNo: string; payableFen: number; items: Array<{ id: number }> };
  payment?: ProviderPayment;
  afterSaleId?: number;

  constructor(
    private readonly shop: Shop,
    private readonly key: string,
  ) {}

  async advance(): Promise<void> {
    const shop = this.shop;
    if (!this.buyer) this.buyer = await shop.register(shop.distributor.code);
    const buyer = this.buyer;
    if (buyer.addressId === undefined) {
      const address = await shop.expectOk(
        shop.call(
          "POST",
          "/api/v1/addresses",
          { name: "买家", phone: "13700000000", ...SHENZHEN, detail: "1 号" },
          buyer.token,
        ),
        "address",
      );
      buyer.addressId = address.id;
    }
    // The same Idempotency-Key: a retry after a crash answers the order the first request placed.
    this.order ??= await shop.expectOk(
      shop.call(
        "POST",
        "/api/v1/orders",
        { items: [{ skuId: shop.skuId, quantity: 2 }], addressId: buyer.addressId },
        buyer.token,
        { "idempotency-key": `order-${this.key}` },
      ),
      "place order",
    );
    const order = this.order!;
    if (!this.payment) {
      const started = await shop.expectOk(
        shop.call("POST", `/api/v1/orders/${order.orderNo}/pay`, { provider: "sandbox" }, buyer.token),
        "pay",
      );
      const link = new URL(started.url, shop.base);
      // The buyer pays on the provider's page: from here on the provider holds the money.
      this.payment = {
        outTradeNo: link.searchParams.get("tradeNo")!,
        transactionId: `sbx_tx_${this.key}`,
        amountFen: Number(link.searchParams.get("amount")),
      };
      shop.payments.push(this.payment);
    }
    const current = await shop.expectOk(
      shop.call("GET", `/api/v1/orders/${order.id}`, undefined, buyer.token),
      "order",
    );
    if (current.status === "pending_payment") await shop.deliverPayment(this.payment);
    if (this.afterSaleId === undefined) {
      const mine = await shop.expectOk(
        shop.call("GET", "/api/v1/after-sales", undefined, buyer.token),
        "after-sales",
      );
      const existing = (mine.items as Array<{ id: number; orderId: number }>).find(
        (a) => a.orderId === order.id,
      );
      this.afterSaleId =
        existing?.id ??
        (
          await shop.expectOk(
            shop.call(
              "POST",
              `/api/v1/orders/${order.id}/after-sales`,
              {
                kind: "refund_only",
                items: [{ orderItemId: order.items[0]!.id, quantity: 1 }],
                reason: "不想要了",
              },
              buyer.token,
            ),
            "after-sale",
          )
        ).id;
    }
    const afterSale = await shop.expectOk(
      shop.call("GET", `/api/admin/v1/after-sales/${this.afterSaleId}`, undefined, shop.owner),
      "after-sale detail",
    );
    if (afterSale.status === "requested")
      await shop.expectOk(
        shop.call(
          "POST",
          `/api/admin/v1/after-sales/${this.afterSaleId}/approve`,
          { note: "同意" },
          shop.owner,
        ),
        "approve refund",
      );
  }
}
