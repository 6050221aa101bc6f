// A fake dysmsapi.aliyuncs.com: it checks every request as Alibaba Cloud does (known AccessKeyId, RPC v1
// signature over the form parameters, fresh SignatureNonce, timestamp within 15 minutes, the approved sign
// name and template) and answers in the documented JSON shape. Accepted messages are kept for the test to read.
import { verifyRpc } from "../../src/adapters/sms/aliyun/sign.ts";
import { type FakeServer, startFakeServer } from "./http-server.ts";

export type AliyunSmsFake = FakeServer & {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCode: string;
  /** Accepted messages: phone and the template parameters. */
  sent: Array<{ phone: string; templateParam: Record<string, string> }>;
  /** Set to answer every request with this error Code (e.g. isv.BUSINESS_LIMIT_CONTROL). */
  failWith: string | null;
};

export async function startAliyunSmsFake(now: () => number = () => Date.now()): Promise<AliyunSmsFake> {
  const seenNonces = new Set<string>();
  const state = {
    accessKeyId: "LTAI-fake-key-id",
    accessKeySecret: "fake-access-key-secret-0123456789",
    signName: "裂变商城",
    templateCode: "SMS_154950909",
    sent: [] as AliyunSmsFake["sent"],
    failWith: null as string | null,
  };
  const answer = (status: number, body: Record<string, string>) => ({
    status,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ RequestId: "F655A8D5-B967-440B-8683-DAD6FF8DE990", ...body }),
  });
  const server = await startFakeServer(({ method, path, rawBody }) => {
    if (method !== "POST" || path !== "/")
      return answer(404, { Code: "InvalidAction.NotFound", Message: path });
    const params = Object.fromEntries(new URLSearchParams(rawBody.toString("utf8")));
    if (params.AccessKeyId !== state.accessKeyId)
      return answer(404, {
        Code: "InvalidAccessKeyId.NotFound",
        Message: "Specified access key is not found.",
      });
    if (params.SignatureMethod !== "HMAC-SHA1" || params.SignatureVersion !== "1.0")
      return answer(400, { Code: "InvalidSignatureMethod", Message: "bad signature method" });
    if (!verifyRpc("POST", params, state.accessKeySecret))
      return answer(400, { Code: "SignatureDoesNotMatch", Message: "Specified signature is not matched." });
    const nonce = params.SignatureNonce ?? "";
    if (!nonce || seenNonces.has(nonce))
      return answer(400, {
        Code: "SignatureNonceUsed",
        Message: "Specified signature nonce was used already.",
      });
    seenNonces.add(nonce);
    const skew = Math.abs(now() - Date.parse(params.Timestamp ?? ""));
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(params.Timestamp ?? "") || !(skew < 15 * 60_000))
      return answer(400, {
        Code: "InvalidTimeStamp.Expired",
        Message: "Specified time stamp or date value is expired.",
      });
    if (params.Action !== "SendSms" || params.Version !== "2017-05-25")
      return answer(400, { Code: "InvalidVersion", Message: "Specified parameter Version is not valid." });
    if (state.failWith) return answer(200, { Code: state.failWith, Message: "fake failure" });
    if (params.SignName !== state.signName)
      return answer(200, { Code: "isv.SMS_SIGNATURE_ILLEGAL", Message: "签名不合法" });
    if (params.TemplateCode !== state.templateCode)
      return answer(200, { Code: "isv.SMS_TEMPLATE_ILLEGAL", Message: "模板不合法" });
    if (!/^1[3-9]\d{9}$/.test(params.PhoneNumbers ?? ""))
      return answer(200, { Code: "isv.MOBILE_NUMBER_ILLEGAL", Message: "非法手机号" });
    state.sent.push({ phone: params.PhoneNumbers!, templateParam: JSON.parse(params.TemplateParam ?? "{}") });
    return answer(200, { Code: "OK", Message: "OK", BizId: `9006197469364984${state.sent.length}^0` });
  });
  return Object.assign(state, server) as AliyunSmsFake;
}
