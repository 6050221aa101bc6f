// Staff sign-in with username and password; the language can be chosen before signing in. A refusal stays
// on the card (a throttled account says how long to wait) instead of a toast that vanishes.
import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Segmented, Typography } from "antd";
import { useState } from "react";
import { useI18n } from "../../i18n/index.tsx";
import { useAuth } from "../../lib/auth.tsx";
import { errorText } from "../../lib/errors.ts";

type Values = { username: string; password: string };

export function LoginPage() {
  const { t, language, setLanguage } = useI18n();
  const { login } = useAuth();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(values: Values) {
    setBusy(true);
    setProblem(null);
    try {
      await login(values.username.trim(), values.password);
    } catch (error) {
      setProblem(errorText(error, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ minHeight: "100vh", display: "grid", placeItems: "center", background: "#f5f5f5" }}>
      <Card style={{ width: 360 }}>
        <div
          style={{ display: "flex", justifyContent: "space-between", alignItems: "center", marginBottom: 24 }}
        >
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t("app.title")}
          </Typography.Title>
          <Segmented
            size="small"
            value={language}
            onChange={(value) => setLanguage(value as "zh" | "en")}
            options={[
              { label: "中文", value: "zh" },
              { label: "EN", value: "en" },
            ]}
          />
        </div>
        <Form<Values> data-testid="login-form" layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="username"
            label={t("auth.username")}
            rules={[{ required: true, message: t("auth.usernameRequired") }]}
          >
            <Input data-testid="login-username" prefix={<UserOutlined />} autoComplete="username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t("auth.password")}
            rules={[{ required: true, message: t("auth.passwordRequired") }]}
          >
            <Input.Password
              data-testid="login-password"
              prefix={<LockOutlined />}
              autoComplete="current-password"
            />
          </Form.Item>
          {problem && (
            <Alert
              type="error"
              showIcon
              message={problem}
              data-testid="login-error"
              style={{ marginBottom: 16 }}
            />
          )}
          <Button data-testid="login-submit" type="primary" htmlType="submit" block loading={busy}>
            {t("auth.login")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
