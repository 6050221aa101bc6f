// The 6-digit SMS code field of sign-up, 忘记密码 and 更换手机号, with its 获取验证码 button: asks the server
// for a code to the phone in the form, then counts down until another may be sent (the server's
// resendAfterSeconds, or its Retry-After when it refuses). In demo mode the server hands the code back and it
// is shown under the field, since no SMS is sent.
import { Button, Form, Input, Toast } from "antd-mobile";
import { useEffect, useState } from "react";
import { useI18n } from "../i18n/index.tsx";
import { ApiFailure } from "../lib/api.ts";
import type { SmsCodeSent } from "../lib/types.ts";
import { useFail } from "../lib/use-fail.ts";

const PHONE = /^1[3-9]\d{9}$/;

/** The form's `code` field; `phone` reads the phone typed so far, which the code goes to. */
export function SmsCodeField(props: {
  phone: () => string | undefined;
  send: (phone: string) => Promise<SmsCodeSent>;
}) {
  const { t } = useI18n();
  const [demoCode, setDemoCode] = useState<string | null>(null);
  return (
    <Form.Item
      name="code"
      label={t("sms.code")}
      rules={[{ required: true, pattern: /^\d{6}$/, message: t("sms.codeInvalid") }]}
      extra={<SmsCodeButton phone={props.phone} send={props.send} onDemoCode={setDemoCode} />}
      description={
        demoCode && (
          <span className="sms-demo-code" data-testid="sms-demo-code">
            {t("sms.demoCode", { code: demoCode })}
          </span>
        )
      }
    >
      <Input placeholder={t("sms.codePlaceholder")} type="tel" maxLength={6} data-testid="sms-code" />
    </Form.Item>
  );
}

function SmsCodeButton(props: {
  /** The phone typed so far (read when the button is pressed). */
  phone: () => string | undefined;
  send: (phone: string) => Promise<SmsCodeSent>;
  onDemoCode: (code: string | null) => void;
}) {
  const { t } = useI18n();
  const fail = useFail();
  const [secondsLeft, setSecondsLeft] = useState(0);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (secondsLeft <= 0) return;
    const timer = setTimeout(() => setSecondsLeft((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [secondsLeft]);

  const press = async () => {
    const phone = props.phone()?.trim() ?? "";
    if (!PHONE.test(phone)) {
      Toast.show({ content: t("auth.phoneInvalid") });
      return;
    }
    setBusy(true);
    try {
      const sent = await props.send(phone);
      setSecondsLeft(sent.resendAfterSeconds);
      props.onDemoCode(sent.demoCode);
      Toast.show({ icon: "success", content: t("sms.sentTo", { phone: sent.sentTo }) });
    } catch (error) {
      const wait = error instanceof ApiFailure ? error.details?.retryAfterSeconds : undefined;
      if (error instanceof ApiFailure && error.code === "SMS_CODE_TOO_SOON" && typeof wait === "number")
        setSecondsLeft(wait);
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      size="small"
      color="primary"
      fill="outline"
      disabled={secondsLeft > 0}
      loading={busy}
      onClick={press}
      data-testid="sms-send"
    >
      {secondsLeft > 0 ? t("sms.resendIn", { seconds: secondsLeft }) : t("sms.send")}
    </Button>
  );
}
