// 忘记密码: the SMS code to the account's phone sets a new password; every other session of the account ends
// and this device is signed in.
import { Button, Form, Input, Toast } from "antd-mobile";
import { useState } from "react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { PageBar } from "../components/PageBar.tsx";
import { SmsCodeField } from "../components/SmsCodeField.tsx";
import { useI18n } from "../i18n/index.tsx";
import { api, call } from "../lib/api.ts";
import { useAuth } from "../lib/auth.tsx";
import { useFail } from "../lib/use-fail.ts";
import { redirectTarget } from "./Login.tsx";

type Fields = { phone: string; code: string; password: string };

export function ForgotPasswordPage() {
  const { t } = useI18n();
  const { signIn } = useAuth();
  const fail = useFail();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Fields>();
  const [busy, setBusy] = useState(false);

  const submit = async (fields: Fields) => {
    setBusy(true);
    try {
      signIn(await call(api.POST("/api/v1/auth/reset-password", { body: fields })));
      Toast.show({ icon: "success", content: t("reset.done") });
      navigate(redirectTarget(params), { replace: true });
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page login-page">
      <PageBar title={t("reset.title")} back="/login" />
      <p className="muted small page-intro">{t("reset.intro")}</p>
      <Form
        form={form}
        layout="horizontal"
        onFinish={submit}
        data-testid="reset-form"
        footer={
          <Button block type="submit" color="primary" size="large" loading={busy} data-testid="reset-submit">
            {t("reset.submit")}
          </Button>
        }
      >
        <Form.Item
          name="phone"
          label={t("auth.phone")}
          rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t("auth.phoneInvalid") }]}
        >
          <Input
            placeholder={t("auth.phonePlaceholder")}
            type="tel"
            maxLength={11}
            clearable
            data-testid="reset-phone"
          />
        </Form.Item>
        <SmsCodeField
          phone={() => form.getFieldValue("phone")}
          send={(phone) =>
            call(api.POST("/api/v1/auth/sms-codes", { body: { phone, purpose: "reset_password" } }))
          }
        />
        <Form.Item
          name="password"
          label={t("reset.newPassword")}
          rules={[{ required: true, min: 8, message: t("auth.passwordShort") }]}
        >
          <Input
            placeholder={t("auth.passwordPlaceholder")}
            type="password"
            clearable
            data-testid="reset-password"
          />
        </Form.Item>
      </Form>
    </div>
  );
}
