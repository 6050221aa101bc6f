// What a merchant configures to take WeChat Pay (API v3). Keys are PEM strings; the config
// masks them when printed (see ../secrets.ts).

export type WechatPayConfig = {
  mchid: string;
  /** The AppID payments and transfers are made under (official account or mini-program). */
  appid: string;
  /** Serial number of the merchant API certificate (商户API证书序列号), named in our Authorization. */
  merchantSerial: string;
  /** apiclient_key.pem: signs our requests and the JSAPI paySign. */
  merchantPrivateKeyPem: string;
  /** APIv3 key (32 ASCII characters): decrypts notification resources. */
  apiV3Key: string;
  /**
   * WeChat's verification keys by the serial it sends in `Wechatpay-Serial`: the 微信支付公钥 under
   * its id (`PUB_KEY_ID_…`) and/or platform certificates under their serial. Both during migration.
   * Values are PEM public keys or PEM certificates.
   */
  wechatpayPublicKeys: Record<string, string>;
  /** Which key encrypts sensitive fields (transfer user_name); default: the PUB_KEY_ID_ one, else the first. */
  encryptionSerial?: string;
  /** https://api.mch.weixin.qq.com unless pointed at a fake gateway or the backup domain. */
  baseUrl?: string;
  timeoutMs?: number;
  /** 商家转账 scene, chosen in the merchant platform; its report infos are fixed per scene. */
  transfer?: {
    sceneId: string;
    reportInfos: { infoType: string; infoContent: string }[];
    userRecvPerception?: string;
  };
  /** scene_info.h5_info.type for H5 payments. */
  h5Type?: "Wap" | "iOS" | "Android";
};

export const WECHAT_PAY_DEFAULTS = {
  baseUrl: "https://api.mch.weixin.qq.com",
  timeoutMs: 10_000,
  // 1005 佣金报酬 is the scene for paying distributors; its report infos are 岗位类型 + 报酬说明.
  transfer: {
    sceneId: "1005",
    reportInfos: [
      { infoType: "岗位类型", infoContent: "分销员" },
      { infoType: "报酬说明", infoContent: "分销佣金提现" },
    ],
    userRecvPerception: "劳务报酬",
  },
  h5Type: "Wap",
} as const;
