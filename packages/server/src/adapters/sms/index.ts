// Picks the SMS provider from the configuration: Alibaba Cloud SMS when SMS_PROVIDER=aliyun, else the sandbox.
import { withMaskedSecrets } from "../payment/secrets.ts";
import { type AliyunSmsConfig, createAliyunSms } from "./aliyun/client.ts";
import type { SmsMessage, SmsProvider } from "./provider.ts";
import { createSandboxSms } from "./sandbox.ts";

export function createSmsProvider(
  config: AliyunSmsConfig | undefined,
  log: (line: string, message: SmsMessage) => void,
): SmsProvider {
  if (!config) return createSandboxSms(log);
  withMaskedSecrets(config);
  return createAliyunSms(config);
}

export type { AliyunSmsConfig } from "./aliyun/client.ts";
export { createAliyunSms } from "./aliyun/client.ts";
export type * from "./provider.ts";
export { createSandboxSms, maskPhone } from "./sandbox.ts";
