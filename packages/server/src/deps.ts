// What the HTTP layer and the jobs are given: built once in the composition root (main.ts) or by tests.
import type { ParcelCarrier } from "./adapters/carriers/index.ts";
import type { PaymentProviders } from "./adapters/payment/index.ts";
import type { PosterCodeSource } from "./adapters/posters/code-source.ts";
import type { SmsProvider } from "./adapters/sms/index.ts";
import type { JsSdkSigner } from "./adapters/wechat-api/js-sdk.ts";
import type { SubscribeMessageSender } from "./adapters/wechat-api/subscribe-message.ts";
import type { Config } from "./config.ts";
import type { Database, Db } from "./db/client.ts";
import type { SecretBox } from "./lib/secret-box.ts";
import type { SignupHook, WechatCodeExchange } from "./modules/accounts/service.ts";
import type { Storage } from "./modules/uploads/storage.ts";

export type PayoutResult = { status: "succeeded" | "processing" | "failed"; reason?: string };
export type Payouts = {
  send(input: {
    withdrawalId: number;
    outBillNo: string;
    amountFen: number;
    method: string;
    account: { realName: string; account: string };
  }): Promise<PayoutResult>;
  /** `method` picks the rail the transfer was sent on (the same one `send` chose). */
  query(outBillNo: string, method?: string): Promise<PayoutResult>;
};

export type AppDeps = {
  config: Config;
  database: Database;
  db: Db;
  /** The clock; tests pass their own. */
  now: () => Date;
  wechatCodeExchange: WechatCodeExchange;
  /**
   * True when WeChat login is the demo stand-in (no official account configured): it signs in whoever asks,
   * so it answers only while the owner's sandbox switch (支付设置) is on.
   */
  wechatLoginIsSandbox: boolean;
  /** Sends SMS verification codes (adapters/sms): the sandbox logs them, Alibaba Cloud SMS sends them. */
  sms: SmsProvider;
  /** Encrypts secrets at rest (payment keys, payout identities). */
  secretBox: SecretBox;
  /** Work done inside the sign-up transaction (e.g. binding to the referrer). */
  onSignup: SignupHook[];
  /** Where uploaded images go; absent: the local folder DATA_DIR/uploads served at /uploads/*. */
  storage?: Storage;
  /**
   * Starts the provider refund of an after-sale that entered `refunding`; called after that transaction
   * commits. The payments area answers later through `completeAfterSaleRefund` / `failAfterSaleRefund`
   * (modules/aftersales/service.ts). Absent: the sandbox completes the refund at once.
   */
  refunds?: {
    start(input: {
      afterSaleId: number;
      orderId: number;
      orderNo: string;
      amountFen: number;
      reason: string;
    }): Promise<void>;
  };
  /**
   * Sends distributor withdrawals to a payout rail (the payments area implements it with its adapters).
   * `outBillNo` is stable per withdrawal; on an unknown result the caller queries, never re-sends with a
   * new number. Absent: the clearly named sandbox payout (modules/withdrawals/sandbox-payout.ts) succeeds.
   */
  payouts?: Payouts;
  /** The enabled payment providers (adapters/payment); absent: paying is refused as not configured. */
  paymentProviders?: PaymentProviders;
  /** Built front ends served at / and /admin; absent in API-only tests. */
  staticRoots?: { shop?: string; admin?: string };
  /** The code printed on posters; absent: a standard QR code of the share link (a mini-program uses wxacode). */
  posterCodes?: PosterCodeSource;
  /** Signs the official account's JS-SDK `wx.config`; absent: no official account, the shop shares plain links. */
  wechatJsSdk?: JsSdkSigner;
  /** Asks about parcels' routes (adapters/carriers): 快递100 when configured; absent: the sandbox route. */
  parcelCarrier?: ParcelCarrier;
  /**
   * Sends notices as WeChat subscription messages (the mini-program's keys and WECHAT_SUBSCRIBE_TEMPLATES
   * set); absent: switched off, notices stay in the shop's message centre only.
   */
  wechatMessages?: SubscribeMessageSender;
};
