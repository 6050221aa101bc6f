// A stateful fake of the WeChat Pay v3 API on 127.0.0.1, written from the spec independently
// of the adapter: it checks OUR Authorization signature with the merchant public key (so a
// wrong merchant key fails like SIGN_ERROR), signs its answers with the fake platform key, and
// builds encrypted, signed notifications — good or deliberately broken — for the tests.

import {
  constants,
  createCipheriv,
  createPrivateKey,
  createPublicKey,
  privateDecrypt,
  randomBytes,
  sign,
  verify,
} from "node:crypto";
import {
  type FakeRequest,
  type FakeResponse,
  type FakeServer,
  json,
  sleep,
  startFakeServer,
} from "./http-server.ts";
import { apiV3Key, type PemPair, rsaPair } from "./keys.ts";

export type WechatFakeOptions = { mchid?: string; appid?: string; merchantSerial?: string };

type Trade = Record<string, unknown> & { out_trade_no: string; trade_state: string };

export type WechatFake = {
  url: string;
  mchid: string;
  appid: string;
  merchantSerial: string;
  merchant: PemPair;
  platform: PemPair;
  publicKeyId: string;
  apiV3Key: string;
  trades: Map<string, Trade>;
  refunds: Map<string, Record<string, unknown>>;
  transfers: Map<string, Record<string, unknown>>;
  /** Requests that passed signature checks, for assertions. */
  accepted: { method: string; path: string; body: unknown; headers: FakeRequest["headers"] }[];
  behaviour: { transferDelayMs: number; breakResponseSignature: boolean; failNext?: number };
  markPaid(outTradeNo: string): Trade;
  /** The refund reaches the buyer (PROCESSING → SUCCESS); returns the refund as a notification's plaintext. */
  markRefunded(outRefundNo: string): Record<string, unknown>;
  notification(options: NotificationOptions): { headers: Record<string, string>; rawBody: Buffer };
  close(): Promise<void>;
};

export type NotificationOptions = {
  eventType: string;
  originalType: string;
  plain: Record<string, unknown>;
  nowMs?: number;
  timestampOffsetS?: number;
  serial?: string;
  nonce?: string;
  /** Sign a different body than the one sent. */
  signBody?: string;
  signtest?: boolean;
  tamperTag?: boolean;
  aadForEncrypt?: string;
  aadInEnvelope?: string;
  signWith?: string;
  rawBodyOverride?: string;
};

export async function startWechatPayFake(options: WechatFakeOptions = {}): Promise<WechatFake> {
  const merchant = rsaPair();
  const platform = rsaPair();
  const merchantPublic = createPublicKey(merchant.publicKeyPem);
  const platformPrivate = createPrivateKey(platform.privateKeyPem);
  const state = {
    mchid: options.mchid ?? "1900000109",
    appid: options.appid ?? "wxd678efh567hg6787",
    merchantSerial: options.merchantSerial ?? "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
    publicKeyId: "PUB_KEY_ID_TEST0000000000000000000000",
    apiV3Key: apiV3Key(),
    trades: new Map<string, Trade>(),
    refunds: new Map<string, Record<string, unknown>>(),
    transfers: new Map<string, Record<string, unknown>>(),
    accepted: [] as WechatFake["accepted"],
    behaviour: { transferDelayMs: 0, breakResponseSignature: false } as WechatFake["behaviour"],
  };

  function signed(status: number, body: unknown): FakeResponse {
    const text = body === undefined ? "" : JSON.stringify(body);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(16).toString("hex");
    const message = `${timestamp}\n${nonce}\n${state.behaviour.breakResponseSignature ? `${text} ` : text}\n`;
    const signature = sign("sha256", Buffer.from(message), platformPrivate).toString("base64");
    return {
      status,
      headers: {
        "Content-Type": "application/json",
        "Wechatpay-Timestamp": timestamp,
        "Wechatpay-Nonce": nonce,
        "Wechatpay-Signature": signature,
        "Wechatpay-Serial": state.publicKeyId,
      },
      body: text,
    };
  }

  function checkAuthorization(request: FakeRequest): string | null {
    const header = request.headers.authorization ?? "";
    const match = /^WECHATPAY2-SHA256-RSA2048 (.*)$/.exec(header);
    if (!match) return "no WECHATPAY2-SHA256-RSA2048 authorization";
    const fields = Object.fromEntries(
      [...(match[1] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (fields.mchid !== state.mchid) return "mchid";
    if (fields.serial_no !== state.merchantSerial) return "serial_no";
    if (Math.abs(Number(fields.timestamp) - Date.now() / 1000) > 300) return "timestamp";
    const pathWithQuery = `${request.url.pathname}${request.url.search}`;
    const message = `${request.method}\n${pathWithQuery}\n${fields.timestamp}\n${fields.nonce_str}\n${request.rawBody.toString("utf8")}\n`;
    const ok = verify(
      "sha256",
      Buffer.from(message),
      merchantPublic,
      Buffer.from(fields.signature ?? "", "base64"),
    );
    return ok ? null : "signature";
  }

  async function handle(request: FakeRequest): Promise<FakeResponse> {
    const problem = checkAuthorization(request);
    if (problem) return json(401, { code: "SIGN_ERROR", message: `签名错误 (${problem})` });
    if (state.behaviour.failNext && state.behaviour.failNext > 0) {
      state.behaviour.failNext--;
      return json(500, { code: "SYSTEM_ERROR", message: "系统错误" });
    }
    const body = request.rawBody.length
      ? (JSON.parse(request.rawBody.toString("utf8")) as Record<string, unknown>)
      : {};
    state.accepted.push({ method: request.method, path: request.path, body, headers: request.headers });
    const p = request.path;
    const create = /^\/v3\/pay\/transactions\/(jsapi|h5|native)$/.exec(p);
    if (request.method === "POST" && create) {
      const outTradeNo = String(body.out_trade_no);
      state.trades.set(outTradeNo, {
        ...body,
        out_trade_no: outTradeNo,
        trade_state: "NOTPAY",
        trade_type: create[1]?.toUpperCase(),
      });
      if (create[1] === "jsapi") return signed(200, { prepay_id: `wx${randomBytes(8).toString("hex")}` });
      if (create[1] === "h5")
        return signed(200, { h5_url: "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx1" });
      return signed(200, { code_url: "weixin://wxpay/bizpayurl?pr=fake" });
    }
    const query = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(p);
    if (request.method === "GET" && query) {
      if (request.url.searchParams.get("mchid") !== state.mchid)
        return json(400, { code: "PARAM_ERROR", message: "mchid" });
      const trade = state.trades.get(decodeURIComponent(query[1] ?? ""));
      return trade ? signed(200, trade) : json(404, { code: "ORDER_NOT_EXIST", message: "订单不存在" });
    }
    if (request.method === "POST" && p === "/v3/refund/domestic/refunds") {
      const outRefundNo = String(body.out_refund_no);
      const existing = state.refunds.get(outRefundNo);
      if (existing) return signed(200, existing); // 同一退款单号多次请求只退一笔
      const found = state.trades.get(String(body.out_trade_no));
      const trade = found?.trade_state === "SUCCESS" ? found : undefined;
      if (!trade) return json(404, { code: "RESOURCE_NOT_EXISTS", message: "订单不存在" });
      const amount = body.amount as { refund: number; total: number };
      const refund = {
        refund_id: `50000${randomBytes(6).toString("hex")}`,
        out_refund_no: outRefundNo,
        transaction_id: trade.transaction_id,
        out_trade_no: trade.out_trade_no,
        status: "PROCESSING",
        create_time: "2026-01-01T10:00:00+08:00",
        amount: {
          total: amount.total,
          refund: amount.refund,
          payer_total: amount.total,
          payer_refund: amount.refund,
          currency: "CNY",
        },
      };
      state.refunds.set(outRefundNo, refund);
      return signed(200, refund);
    }
    const refundQuery = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(p);
    if (request.method === "GET" && refundQuery) {
      const refund = state.refunds.get(decodeURIComponent(refundQuery[1] ?? ""));
      return refund
        ? signed(200, refund)
        : json(404, { code: "RESOURCE_NOT_EXISTS", message: "退款单不存在" });
    }
    if (request.method === "POST" && p === "/v3/fund-app/mch-transfer/transfer-bills") {
      const outBillNo = String(body.out_bill_no);
      let bill = state.transfers.get(outBillNo);
      if (!bill) {
        if (body.user_name !== undefined) {
          if (request.headers["wechatpay-serial"] !== state.publicKeyId)
            return json(400, { code: "PARAM_ERROR", message: "serial" });
          const name = privateDecrypt(
            { key: platformPrivate, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha1" },
            Buffer.from(String(body.user_name), "base64"),
          ).toString("utf8");
          body.user_name_plain = name;
        }
        bill = {
          ...body,
          mch_id: state.mchid,
          transfer_bill_no: `1330000${randomBytes(6).toString("hex")}`,
          state: "WAIT_USER_CONFIRM",
          package_info: `affffddafdfafddffda==${outBillNo}`,
          create_time: "2026-01-01T10:00:00+08:00",
        };
        state.transfers.set(outBillNo, bill);
      }
      // The transfer is recorded before the (possibly late) answer: a timeout does not undo it.
      if (state.behaviour.transferDelayMs > 0) await sleep(state.behaviour.transferDelayMs);
      const { out_bill_no, transfer_bill_no, create_time, state: billState, package_info } = bill;
      return signed(200, { out_bill_no, transfer_bill_no, create_time, state: billState, package_info });
    }
    const transferQuery = /^\/v3\/fund-app\/mch-transfer\/transfer-bills\/out-bill-no\/([^/]+)$/.exec(p);
    if (request.method === "GET" && transferQuery) {
      const bill = state.transfers.get(decodeURIComponent(transferQuery[1] ?? ""));
      return bill ? signed(200, bill) : json(404, { code: "NOT_FOUND", message: "记录不存在" });
    }
    return json(404, { code: "NOT_FOUND", message: `no route ${request.method} ${p}` });
  }

  const server: FakeServer = await startFakeServer(handle);

  function notification(options: NotificationOptions) {
    const nonce = randomBytes(6).toString("hex"); // 12 characters = 12 bytes of IV
    const aad = options.aadForEncrypt ?? options.originalType;
    const cipher = createCipheriv("aes-256-gcm", Buffer.from(state.apiV3Key), Buffer.from(nonce));
    cipher.setAAD(Buffer.from(aad));
    const encrypted = Buffer.concat([cipher.update(JSON.stringify(options.plain)), cipher.final()]);
    const tag = cipher.getAuthTag();
    if (options.tamperTag) tag[0] = (tag[0] ?? 0) ^ 0xff;
    const envelope = {
      id: `EV-${randomBytes(8).toString("hex")}`,
      create_time: "2026-01-01T10:00:00+08:00",
      resource_type: "encrypt-resource",
      event_type: options.eventType,
      summary: "支付成功",
      resource: {
        original_type: options.originalType,
        algorithm: "AEAD_AES_256_GCM",
        ciphertext: Buffer.concat([encrypted, tag]).toString("base64"),
        associated_data: options.aadInEnvelope ?? aad,
        nonce,
      },
    };
    const rawBody = options.rawBodyOverride ?? JSON.stringify(envelope);
    const timestamp = String(
      Math.floor((options.nowMs ?? Date.now()) / 1000) + (options.timestampOffsetS ?? 0),
    );
    const headerNonce = options.nonce ?? randomBytes(16).toString("hex");
    const key = options.signWith ? createPrivateKey(options.signWith) : platformPrivate;
    const signature = options.signtest
      ? `WECHATPAY/SIGNTEST/${randomBytes(32).toString("base64")}`
      : sign(
          "sha256",
          Buffer.from(`${timestamp}\n${headerNonce}\n${options.signBody ?? rawBody}\n`),
          key,
        ).toString("base64");
    return {
      rawBody: Buffer.from(rawBody),
      headers: {
        "Wechatpay-Timestamp": timestamp,
        "Wechatpay-Nonce": headerNonce,
        "Wechatpay-Signature": signature,
        "Wechatpay-Serial": options.serial ?? state.publicKeyId,
        "Wechatpay-Signature-Type": "WECHATPAY2-SHA256-RSA2048",
      },
    };
  }

  return {
    url: server.url,
    mchid: state.mchid,
    appid: state.appid,
    merchantSerial: state.merchantSerial,
    merchant,
    platform,
    publicKeyId: state.publicKeyId,
    apiV3Key: state.apiV3Key,
    trades: state.trades,
    refunds: state.refunds,
    transfers: state.transfers,
    accepted: state.accepted,
    behaviour: state.behaviour,
    markPaid(outTradeNo) {
      const trade = state.trades.get(outTradeNo);
      if (!trade) throw new Error(`no trade ${outTradeNo}`);
      Object.assign(trade, {
        trade_state: "SUCCESS",
        transaction_id: `42000${randomBytes(8).toString("hex")}`,
        success_time: "2026-01-01T10:00:05+08:00",
        payer: { openid: (trade.payer as { openid?: string } | undefined)?.openid ?? "o-fake" },
      });
      return trade;
    },
    markRefunded(outRefundNo) {
      const refund = state.refunds.get(outRefundNo);
      if (!refund) throw new Error(`no refund ${outRefundNo}`);
      Object.assign(refund, { status: "SUCCESS", success_time: "2026-01-01T10:01:00+08:00" });
      // The notification's plaintext names the state refund_status (the API answer calls it status).
      const { status, ...rest } = refund;
      return { ...rest, mchid: state.mchid, refund_status: status };
    },
    notification,
    close: server.close,
  };
}
