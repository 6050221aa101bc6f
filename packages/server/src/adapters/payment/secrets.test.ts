// Printing a payment config never shows a key: JSON, util.inspect and template strings all mask.

import { inspect } from "node:util";
import { expect, test } from "vitest";
import { rsaPair } from "../../../test/fake-gateways/keys.ts";
import { paymentConfig } from "./config.ts";
import { createPaymentProviders } from "./index.ts";

test("secrets are masked, ids stay readable", () => {
  const merchant = rsaPair();
  const config = paymentConfig({
    enabled: ["sandbox", "wechat", "alipay"],
    wechat: {
      mchid: "1900000109",
      appid: "wx1",
      merchantSerial: "5157F09E",
      merchantPrivateKeyPem: merchant.privateKeyPem,
      apiV3Key: "0123456789abcdef0123456789abcdef",
      wechatpayPublicKeys: { PUB_KEY_ID_1: merchant.publicKeyPem },
    },
    alipay: {
      appId: "2021000000000001",
      privateKey: merchant.privateKeyPem,
      alipayPublicKey: merchant.publicKeyPem,
      sellerId: "2088000000000001",
    },
  });
  for (const printed of [JSON.stringify(config), inspect(config, { depth: 5 })]) {
    expect(printed).not.toContain("PRIVATE KEY");
    expect(printed).not.toContain("0123456789abcdef");
    expect(printed).toContain("1900000109");
    expect(printed).toContain("***");
  }
  const providers = createPaymentProviders(config);
  expect(Object.keys(providers).sort()).toEqual(["alipay", "sandbox", "wechat"]);
});

test("an enabled provider without its section fails at startup", () => {
  expect(() => createPaymentProviders({ enabled: ["wechat"] })).toThrow(/wechat/);
});
