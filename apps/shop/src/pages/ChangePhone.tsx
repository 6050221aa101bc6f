// 更换手机号 (我的 → settings): the SMS code sent to the new phone moves the login there.
import { Button, Form, Input, Toast } from "antd-mobile";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { PageBar } from "../components/PageBar.tsx";
import { SmsCodeField } from "../components/SmsCodeField.tsx";
import { useI18n } from "../i18n/index.tsx";
import { api, call } from "../lib/api.ts";
import { useAuth } from "../lib/auth.tsx";
import { maskPhone } from "../lib/format.ts";
import { useFail } from "../lib/use-fail.ts";

type Fields = { phone: string; code: string };

export function ChangePhonePage() {
  const { t } = useI18n();
  const { user, refreshUser } = useAuth();
  const fail = useFail();
  const navigate = useNavigate();
  const [form] = Form.useForm<Fields>();
  const [busy, setBusy] = useState(false);

  const submit = async (fields: Fields) => {
    setBusy(true);
    try {
      refreshUser(await call(api.PUT("/api/v1/me/phone", { body: fields })));
      Toast.show({ icon: "success", content: t("phone.changed") });
      navigate("/me", { replace: true });
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page login-page">
      <PageBar title={t("phone.title")} back="/me" />
      <p className="muted small page-intro" data-testid="phone-current">
        {user?.phone ? t("phone.current", { phone: maskPhone(user.phone) }) : t("phone.none")}
      </p>
      <Form
        form={form}
        layout="horizontal"
        onFinish={submit}
        data-testid="phone-form"
        footer={
          <Button block type="submit" color="primary" size="large" loading={busy} data-testid="phone-submit">
            {t("phone.submit")}
          </Button>
        }
      >
        <Form.Item
          name="phone"
          label={t("phone.new")}
          rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t("auth.phoneInvalid") }]}
        >
          <Input
            placeholder={t("auth.phonePlaceholder")}
            type="tel"
            maxLength={11}
            clearable
            data-testid="phone-new"
          />
        </Form.Item>
        <SmsCodeField
          phone={() => form.getFieldValue("phone")}
          send={(phone) => call(api.POST("/api/v1/me/phone/sms-codes", { body: { phone } }))}
        />
      </Form>
    </div>
  );
}
