// What a merchant configures to take Alipay (the open-platform gateway API, RSA2). Keys are
// PEM strings or the bare base64 the Alipay console shows; the config masks them when printed.

export type AlipayConfig = {
  appId: string;
  /** The application private key (PKCS#8 or PKCS#1; PEM or bare base64). */
  privateKey: string;
  /** Alipay's public key (PEM or bare base64), or the Alipay public-key certificate PEM in cert mode. */
  alipayPublicKey: string;
  /** Our seller (partner) id, 2088…; a notification naming another seller is ignored. */
  sellerId: string;
  /** https://openapi.alipay.com/gateway.do unless pointed at the sandbox or a fake gateway. */
  gatewayUrl?: string;
  timeoutMs?: number;
  /**
   * Public-key certificate mode (required by Alipay for single transfers): the SNs Alipay
   * computes from our app certificate and its root certificate, sent with every request.
   */
  certMode?: { appCertSn: string; alipayRootCertSn: string };
  /** Title of payouts (order_title), shown to the payee. */
  payoutTitle?: string;
};

export const ALIPAY_DEFAULTS = {
  gatewayUrl: "https://openapi.alipay.com/gateway.do",
  timeoutMs: 10_000,
  payoutTitle: "佣金提现",
} as const;
