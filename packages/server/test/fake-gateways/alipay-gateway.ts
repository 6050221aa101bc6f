// A stateful fake of the Alipay open-platform gateway on 127.0.0.1, written from the spec
// independently of the adapter: it verifies OUR RSA2 request signature with the app public key
// (a wrong app key fails with isv.invalid-signature), signs each *_response node with the fake
// Alipay key, and builds signed async notifications (form bodies) for the tests.

import { createPrivateKey, createPublicKey, randomBytes, sign, verify } from "node:crypto";
import { type FakeRequest, type FakeResponse, json, sleep, startFakeServer } from "./http-server.ts";
import { type PemPair, rsaPair } from "./keys.ts";

type Fields = Record<string, string>;

export type AlipayFake = {
  url: string;
  appId: string;
  sellerId: string;
  app: PemPair;
  alipay: PemPair;
  trades: Map<string, Fields>;
  refunds: Map<string, Fields>;
  transfers: Map<string, Fields>;
  behaviour: { transferDelayMs: number; breakResponseSignature: boolean };
  /** Checks a signed parameter set (e.g. the query of a wap.pay redirect) as the gateway would. */
  verifyParams(params: Fields): boolean;
  markPaid(outTradeNo: string, totalAmount: string): Fields;
  /** A notification body; sign_type is left out of the signed content unless told otherwise. */
  notification(fields: Fields, options?: { signTypeSigned?: boolean; signWith?: string }): string;
  close(): Promise<void>;
};

function content(params: Fields, exclude: string[]): string {
  return Object.keys(params)
    .filter((k) => !exclude.includes(k) && params[k] !== "")
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join("&");
}

export async function startAlipayFake(): Promise<AlipayFake> {
  const app = rsaPair();
  const alipay = rsaPair();
  const appPublic = createPublicKey(app.publicKeyPem);
  const alipayPrivate = createPrivateKey(alipay.privateKeyPem);
  const appId = "2021000000000001";
  const sellerId = "2088000000000001";
  const trades = new Map<string, Fields>();
  const refunds = new Map<string, Fields>();
  const transfers = new Map<string, Fields>();
  const behaviour = { transferDelayMs: 0, breakResponseSignature: false };

  const verifyParams = (params: Fields) =>
    !!params.sign &&
    verify("sha256", Buffer.from(content(params, ["sign"])), appPublic, Buffer.from(params.sign, "base64"));

  function answer(method: string, node: Record<string, unknown>): FakeResponse {
    const nodeText = JSON.stringify(node);
    const signedText = behaviour.breakResponseSignature ? nodeText.replace("10000", "10001") : nodeText;
    const signature = sign("sha256", Buffer.from(signedText), alipayPrivate).toString("base64");
    const name = `${method.replaceAll(".", "_")}_response`;
    return {
      status: 200,
      headers: { "Content-Type": "application/json;charset=utf-8" },
      body: `{"${name}":${nodeText},"sign":"${signature}"}`,
    };
  }
  const ok = (fields: Record<string, unknown>) => ({ code: "10000", msg: "Success", ...fields });
  const fail = (subCode: string, subMsg: string) => ({
    code: "40004",
    msg: "Business Failed",
    sub_code: subCode,
    sub_msg: subMsg,
  });

  async function handle(request: FakeRequest): Promise<FakeResponse> {
    if (request.path !== "/gateway.do" || request.method !== "POST") return json(404, {});
    const params: Fields = Object.fromEntries(new URLSearchParams(request.rawBody.toString("utf8")));
    const method = params.method ?? "";
    if (params.app_id !== appId)
      return answer(method, { code: "40002", msg: "Invalid Arguments", sub_code: "isv.invalid-app-id" });
    if (!verifyParams(params)) {
      return answer(method, {
        code: "40002",
        msg: "Invalid Arguments",
        sub_code: "isv.invalid-signature",
        sub_msg: "验签出错",
      });
    }
    const biz = JSON.parse(params.biz_content ?? "{}") as Record<string, unknown>;
    switch (method) {
      case "alipay.trade.query": {
        const trade = trades.get(String(biz.out_trade_no));
        return answer(method, trade ? ok(trade) : fail("ACQ.TRADE_NOT_EXIST", "交易不存在"));
      }
      case "alipay.trade.refund": {
        const key = `${biz.out_trade_no}|${biz.out_request_no}`;
        const existing = refunds.get(key);
        const trade = trades.get(String(biz.out_trade_no));
        if (!trade) return answer(method, fail("ACQ.TRADE_NOT_EXIST", "交易不存在"));
        if (existing) return answer(method, ok({ ...existing, fund_change: "N" }));
        const refund = {
          trade_no: trade.trade_no ?? "",
          out_trade_no: trade.out_trade_no ?? "",
          refund_fee: String(biz.refund_amount),
          gmt_refund_pay: "2026-01-01 10:00:00",
        };
        refunds.set(key, {
          ...refund,
          refund_amount: String(biz.refund_amount),
          out_request_no: String(biz.out_request_no),
        });
        return answer(method, ok({ ...refund, fund_change: "Y" }));
      }
      case "alipay.trade.fastpay.refund.query": {
        const refund = refunds.get(`${biz.out_trade_no}|${biz.out_request_no}`);
        // Like Alipay: code 10000 with no refund data when there is no such refund.
        return answer(
          method,
          ok(refund ? { ...refund, refund_status: "REFUND_SUCCESS" } : { out_trade_no: biz.out_trade_no }),
        );
      }
      case "alipay.fund.trans.uni.transfer": {
        const outBizNo = String(biz.out_biz_no);
        let transfer = transfers.get(outBizNo);
        if (!transfer) {
          transfer = {
            out_biz_no: outBizNo,
            order_id: `2026${randomBytes(6).toString("hex")}`,
            pay_fund_order_id: `2026${randomBytes(6).toString("hex")}`,
            status: "SUCCESS",
            trans_date: "2026-01-01 10:00:00",
            trans_amount: String(biz.trans_amount),
            payee_name: String((biz.payee_info as { name?: string } | undefined)?.name ?? ""),
          };
          transfers.set(outBizNo, transfer);
        }
        if (behaviour.transferDelayMs > 0) await sleep(behaviour.transferDelayMs);
        const { trans_amount: _amount, payee_name: _name, ...reply } = transfer;
        return answer(method, ok(reply));
      }
      case "alipay.fund.trans.common.query": {
        const transfer = transfers.get(String(biz.out_biz_no));
        return answer(method, transfer ? ok(transfer) : fail("ORDER_NOT_EXIST", "转账订单不存在"));
      }
      default:
        return answer(method, { code: "40004", msg: "Business Failed", sub_code: "isv.invalid-method" });
    }
  }

  const server = await startFakeServer(handle);
  return {
    url: `${server.url}/gateway.do`,
    appId,
    sellerId,
    app,
    alipay,
    trades,
    refunds,
    transfers,
    behaviour,
    verifyParams,
    markPaid(outTradeNo, totalAmount) {
      const trade = {
        trade_no: `2026${randomBytes(8).toString("hex")}`,
        out_trade_no: outTradeNo,
        trade_status: "TRADE_SUCCESS",
        total_amount: totalAmount,
        send_pay_date: "2026-01-01 10:00:05",
        buyer_logon_id: "159****5620",
      };
      trades.set(outTradeNo, trade);
      return trade;
    },
    notification(fields, options = {}) {
      const all: Fields = { sign_type: "RSA2", ...fields };
      const key = options.signWith ? createPrivateKey(options.signWith) : alipayPrivate;
      const exclude = options.signTypeSigned ? ["sign"] : ["sign", "sign_type"];
      all.sign = sign("sha256", Buffer.from(content(all, exclude)), key).toString("base64");
      return new URLSearchParams(all).toString();
    },
    close: server.close,
  };
}
