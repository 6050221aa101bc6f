// The one contract every payment provider (sandbox, WeChat Pay, Alipay) fulfils.
// Expected outcomes are values, never throws: callers switch on `ok` and `code`. Amounts are
// integer fen (分) in every field named *Fen; providers convert to their wire format at the edge.

export type PaymentProviderName = "sandbox" | "wechat" | "alipay";
export type PaymentChannel = "jsapi" | "h5" | "native" | "wap";

/**
 * Why a call to the provider did not give a definite answer.
 * `retryable: true` means "the outcome is unknown": query with the SAME merchant number before
 * anything else, never re-issue under a new number (WeChat: "会有重复转账的资金风险").
 */
export type ProviderErrorCode =
  | "PROVIDER_UNAVAILABLE" // timeout, network error, 5xx, rate limit
  | "PROVIDER_RESPONSE_INVALID" // answer did not verify or parse; outcome unknown
  | "PROVIDER_REJECTED" // the provider answered with a business error (see providerCode)
  | "NOT_FOUND" // the provider has no such trade / refund / transfer
  | "CHANNEL_UNSUPPORTED"
  | "INVALID_REQUEST"; // we refused to send it (e.g. missing openid for JSAPI)

export type ProviderFailure = {
  ok: false;
  code: ProviderErrorCode;
  message: string;
  retryable: boolean;
  providerCode?: string;
};

export type ProviderResult<T> = ({ ok: true } & T) | ProviderFailure;

export type CreatePaymentInput = {
  outTradeNo: string;
  amountFen: number;
  description: string;
  channel: PaymentChannel;
  /** Required for JSAPI (the payer's openid under the configured appid). */
  payerOpenid?: string;
  /** Required for WeChat H5 (scene_info.payer_client_ip). */
  payerClientIp?: string;
  /** The shop's own id of the paying shopper: the sandbox's hosted pay page completes for that shopper only. */
  payerUserId?: number;
  notifyUrl: string;
  returnUrl?: string;
  expiresAtMs: number;
};

/** The parameters `WeixinJSBridge.invoke("getBrandWCPayRequest", …)` / `wx.requestPayment` take. */
export type JsapiPayParams = {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: "RSA";
  paySign: string;
};

export type CreatePaymentResult = ProviderResult<
  | { kind: "redirect"; url: string }
  | { kind: "jsapi_params"; params: JsapiPayParams }
  | { kind: "qr"; codeUrl: string }
>;

export type PaymentStatus = "pending" | "paid" | "closed" | "failed" | "refunded";

export type PaymentSnapshot = {
  outTradeNo: string;
  /** Provider's id of the trade; null while unpaid. The natural idempotency key of a payment. */
  transactionId: string | null;
  amountFen: number;
  status: PaymentStatus;
  /** The provider's own word for the state (SUCCESS, TRADE_FINISHED, …), for logs. */
  providerStatus: string;
  paidAtMs: number | null;
  /** The provider's decoded record, for the audit trail (holds no secrets of ours). */
  raw: unknown;
};

export type RefundInput = {
  outTradeNo: string;
  /** Stable number saved before calling; re-send the same one on retry. */
  outRefundNo: string;
  refundFen: number;
  totalFen: number;
  reason: string;
  notifyUrl?: string;
};

export type RefundStatus = "processing" | "succeeded" | "closed" | "abnormal";

export type RefundSnapshot = {
  outTradeNo: string;
  outRefundNo: string;
  refundId: string | null;
  refundFen: number;
  status: RefundStatus;
  providerStatus: string;
  succeededAtMs: number | null;
  raw: unknown;
};

export type PayoutPayee =
  | { kind: "wechat_openid"; openid: string; realName?: string }
  | { kind: "alipay_account"; account: string; realName: string };

export type PayoutInput = {
  /** Stable number saved before calling (WeChat out_bill_no ≤32 [0-9A-Za-z]; Alipay out_biz_no). */
  outPayoutNo: string;
  amountFen: number;
  payee: PayoutPayee;
  /** Shown to the payee; WeChat caps it at 32 characters. */
  remark: string;
  notifyUrl?: string;
};

export type PayoutStatus =
  | "processing"
  /** WeChat 2025 mode: the user must confirm in the app with `packageInfo`. */
  | "wait_user_confirm"
  | "succeeded"
  | "failed"
  | "cancelled";

export type PayoutSnapshot = {
  outPayoutNo: string;
  providerPayoutNo: string | null;
  amountFen: number;
  status: PayoutStatus;
  providerStatus: string;
  /** For wx.requestMerchantTransfer({ mchId, appId, package }) when status is wait_user_confirm. */
  packageInfo?: string;
  failReason?: string;
  raw: unknown;
};

/** Exactly what the HTTP handler answers to the provider's notification. */
export type NotificationAck = { status: number; body: string; contentType: string | null };

export type NotificationErrorCode =
  | "NOTIFY_SIGNATURE_INVALID"
  | "NOTIFY_TIMESTAMP_STALE"
  | "NOTIFY_MALFORMED"
  | "NOTIFY_SERIAL_UNKNOWN"
  | "NOTIFY_MERCHANT_MISMATCH"
  | "NOTIFY_NONCE_REPLAYED";

/**
 * Replay guard for notification nonces: returns true when the nonce was already seen, and
 * records it otherwise. Called only after the signature verified, so forged requests cannot
 * fill it. See `createNonceCache` for the in-memory version; several processes need a shared one.
 */
export type SeenNonce = (nonce: string) => boolean;

export type NotificationInput = {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
  nowMs: number;
  seenNonce?: SeenNonce;
};

export type NotificationResult<E> =
  | {
      ok: true;
      event: E;
      /** The header nonce (null for Alipay, which signs none); for callers deduping themselves. */
      nonce: string | null;
      /** Send after the event is applied (committed); send `rejectAck` if applying failed. */
      ack: NotificationAck;
      rejectAck: NotificationAck;
    }
  | { ok: false; code: NotificationErrorCode; reason: string; ack: NotificationAck };

export type PaymentEvent = PaymentSnapshot & { provider: PaymentProviderName; eventId: string };
export type RefundEvent = RefundSnapshot & { provider: PaymentProviderName; eventId: string };
export type PayoutEvent = PayoutSnapshot & { provider: PaymentProviderName; eventId: string };

export interface PaymentProvider {
  readonly name: PaymentProviderName;
  readonly channels: readonly PaymentChannel[];
  createPayment(input: CreatePaymentInput): Promise<CreatePaymentResult>;
  parsePaymentNotification(input: NotificationInput): NotificationResult<PaymentEvent>;
  queryPayment(outTradeNo: string): Promise<ProviderResult<{ payment: PaymentSnapshot }>>;
  refund(input: RefundInput): Promise<ProviderResult<{ refund: RefundSnapshot }>>;
  parseRefundNotification(input: NotificationInput): NotificationResult<RefundEvent>;
  queryRefund(input: {
    outTradeNo: string;
    outRefundNo: string;
  }): Promise<ProviderResult<{ refund: RefundSnapshot }>>;
  payout(input: PayoutInput): Promise<ProviderResult<{ payout: PayoutSnapshot }>>;
  parsePayoutNotification(input: NotificationInput): NotificationResult<PayoutEvent>;
  queryPayout(outPayoutNo: string): Promise<ProviderResult<{ payout: PayoutSnapshot }>>;
}
