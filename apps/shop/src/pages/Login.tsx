// Login and sign-up by phone + password (sign-up proves the phone with an SMS code), the way to 忘记密码, and
// the demo WeChat login while the shop is in demo mode. A pending referral code travels with sign-up.
import { Button, Form, Input, Toast } from "antd-mobile";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { PageBar } from "../components/PageBar.tsx";
import { SmsCodeField } from "../components/SmsCodeField.tsx";
import { type MessageKey, useI18n } from "../i18n/index.tsx";
import { api, call } from "../lib/api.ts";
import { useAuth } from "../lib/auth.tsx";
import { forgetReferral, pendingReferral, recordReferralVisit } from "../lib/referral.ts";
import { useShop } from "../lib/shop.tsx";
import type { Session } from "../lib/types.ts";
import { useFail } from "../lib/use-fail.ts";
import { useLoad } from "../lib/use-load.ts";

type Fields = { phone: string; password: string; code?: string; nickname?: string };

function randomCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Where to go after signing in: the page that sent the shopper here (same site only), else 我的. */
export function redirectTarget(params: URLSearchParams): string {
  const redirect = params.get("redirect");
  return redirect?.startsWith("/") && !redirect.startsWith("//") ? redirect : "/me";
}

export function LoginPage() {
  const { t } = useI18n();
  const shop = useShop();
  const { signIn } = useAuth();
  const fail = useFail();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Fields>();
  const [mode, setMode] = useState<"login" | "register">(
    params.get("mode") === "register" ? "register" : "login",
  );
  const [busy, setBusy] = useState(false);
  const [options] = useLoad(() => call(api.GET("/api/v1/auth/options")));
  const ref = pendingReferral();
  const keepRedirect = params.get("redirect")
    ? `?redirect=${encodeURIComponent(params.get("redirect")!)}`
    : "";

  const done = (session: Session, sentRef: boolean, greeting: MessageKey) => {
    signIn(session);
    // sign-up and WeChat login carry the referral inside the account's creation; a password login records
    // the visit now that the shopper is known, so the shop's binding policy can apply
    if (sentRef) forgetReferral();
    else if (ref) void recordReferralVisit(ref);
    Toast.show({ icon: "success", content: t(greeting, { shop: shop.shopName }) });
    navigate(redirectTarget(params), { replace: true });
  };

  const run = async (request: () => Promise<Session>, sentRef: boolean, greeting: MessageKey) => {
    setBusy(true);
    try {
      done(await request(), sentRef, greeting);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const submit = (fields: Fields) =>
    mode === "login"
      ? run(
          () =>
            call(
              api.POST("/api/v1/auth/login", { body: { phone: fields.phone, password: fields.password } }),
            ),
          false,
          "auth.welcomeBack",
        )
      : run(
          () =>
            call(
              api.POST("/api/v1/auth/register", {
                body: {
                  phone: fields.phone,
                  password: fields.password,
                  code: fields.code ?? "",
                  nickname: fields.nickname || undefined,
                  ref,
                },
              }),
            ),
          true,
          "auth.welcomeNew",
        );

  const wechat = () =>
    run(
      () => call(api.POST("/api/v1/auth/wechat", { body: { code: `demo-${randomCode()}`, ref } })),
      true,
      "auth.signedIn",
    );

  const switchMode = () => {
    setMode(mode === "login" ? "register" : "login");
  };

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
        form={form}
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
        {mode === "register" && (
          <SmsCodeField
            phone={() => form.getFieldValue("phone")}
            send={(phone) =>
              call(api.POST("/api/v1/auth/sms-codes", { body: { phone, purpose: "register" } }))
            }
          />
        )}
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
        <Button fill="none" color="primary" onClick={switchMode} data-testid="login-toggle-mode">
          {mode === "login" ? t("auth.toRegister") : t("auth.toLogin")}
        </Button>
        {mode === "login" && (
          <Link to={`/forgot-password${keepRedirect}`} className="login-forgot" data-testid="login-forgot">
            {t("auth.forgot")}
          </Link>
        )}
      </div>
      {options?.wechat === "sandbox" && (
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
      )}
    </div>
  );
}

/** Demo mode only: no SMS is sent, so the code is shown where the shopper would read the message. */
