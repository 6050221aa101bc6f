// Login and sign-up by phone + password, or the demo WeChat login; a pending referral code travels with sign-up.
import { Button, Form, Input, Toast } from "antd-mobile";
import { useState } from "react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { PageBar } from "../components/PageBar.tsx";
import { useI18n } from "../i18n/index.tsx";
import { api, call } from "../lib/api.ts";
import { useAuth } from "../lib/auth.tsx";
import { forgetReferral, pendingReferral, recordReferralVisit } from "../lib/referral.ts";
import { useShop } from "../lib/shop.tsx";
import type { Session } from "../lib/types.ts";
import { useFail } from "../lib/use-fail.ts";

type Fields = { phone: string; password: string; nickname?: string };

function randomCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function LoginPage() {
  const { t } = useI18n();
  const shop = useShop();
  const { signIn } = useAuth();
  const fail = useFail();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [mode, setMode] = useState<"login" | "register">(
    params.get("mode") === "register" ? "register" : "login",
  );
  const [busy, setBusy] = useState(false);
  const ref = pendingReferral();

  const done = (session: Session, sentRef: boolean) => {
    signIn(session);
    // sign-up and WeChat login carry the referral inside the account's creation; a password login records
    // the visit now that the shopper is known, so the shop's binding policy can apply
    if (sentRef) forgetReferral();
    else if (ref) void recordReferralVisit(ref);
    Toast.show({ icon: "success", content: t("auth.welcome") });
    const redirect = params.get("redirect");
    navigate(redirect?.startsWith("/") ? redirect : "/me", { replace: true });
  };

  const run = async (request: () => Promise<Session>, sentRef: boolean) => {
    setBusy(true);
    try {
      done(await request(), sentRef);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const submit = (fields: Fields) =>
    run(
      () =>
        mode === "login"
          ? call(api.POST("/api/v1/auth/login", { body: { phone: fields.phone, password: fields.password } }))
          : call(
              api.POST("/api/v1/auth/register", {
                body: {
                  phone: fields.phone,
                  password: fields.password,
                  nickname: fields.nickname || undefined,
                  ref,
                },
              }),
            ),
      mode === "register",
    );

  const wechat = () =>
    run(() => call(api.POST("/api/v1/auth/wechat", { body: { code: `demo-${randomCode()}`, ref } })), true);

  return (
    <div className="page login-page">
      <PageBar title={mode === "login" ? t("auth.title") : t("auth.registerTitle")} back="/" />
      <div className="login-brand">
        {shop.logoUrl && <img src={shop.logoUrl} alt="" className="login-logo" />}
        <div className="login-shop-name">{shop.shopName}</div>
        {ref && <div className="muted small">{t("auth.invitedBy", { code: ref })}</div>}
      </div>
      <Form
        key={mode}
        layout="horizontal"
        onFinish={submit}
        data-testid="login-form"
        footer={
          <Button block type="submit" color="primary" size="large" loading={busy} data-testid="login-submit">
            {mode === "login" ? t("auth.login") : t("auth.register")}
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
            data-testid="login-phone"
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t("auth.password")}
          rules={[{ required: true, min: mode === "register" ? 8 : 1, message: t("auth.passwordShort") }]}
        >
          <Input
            placeholder={t("auth.passwordPlaceholder")}
            type="password"
            clearable
            data-testid="login-password"
          />
        </Form.Item>
        {mode === "register" && (
          <Form.Item name="nickname" label={t("auth.nickname")}>
            <Input maxLength={30} clearable data-testid="register-nickname" />
          </Form.Item>
        )}
      </Form>
      <div className="login-links">
        <Button
          fill="none"
          color="primary"
          onClick={() => setMode(mode === "login" ? "register" : "login")}
          data-testid="login-toggle-mode"
        >
          {mode === "login" ? t("auth.toRegister") : t("auth.toLogin")}
        </Button>
      </div>
      <div className="login-wechat">
        <Button
          block
          shape="rounded"
          className="wechat-button"
          loading={busy}
          onClick={wechat}
          data-testid="login-wechat"
        >
          {t("auth.wechat")}
        </Button>
      </div>
    </div>
  );
}
