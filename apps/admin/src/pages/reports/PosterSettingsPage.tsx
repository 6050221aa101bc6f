// 推广海报: the merchant picks a template, uploads the invite poster's background and writes its text,
// with a live preview drawn by the server exactly as distributors will get it.
import { Button, Card, Col, Form, Input, Radio, Row, Upload } from "antd";
import { useEffect, useState } from "react";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { readToken } from "../../lib/session.ts";
import { useNotify } from "../../lib/use-notify.ts";

type Settings = {
  template: "classic" | "festive" | "minimal";
  inviteBackgroundKey: string | null;
  inviteText: string;
};

async function previewUrl(settings: Settings): Promise<string> {
  const query = new URLSearchParams({
    kind: "invite",
    template: settings.template,
    inviteText: settings.inviteText,
  });
  if (settings.inviteBackgroundKey) query.set("inviteBackgroundKey", settings.inviteBackgroundKey);
  const response = await fetch(`/api/admin/v1/sharing/poster-preview?${query}`, {
    headers: { authorization: `Bearer ${readToken() ?? ""}` },
  });
  return URL.createObjectURL(await response.blob());
}

export function PosterSettingsPage() {
  const { t } = useI18n();
  const notify = useNotify();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  useEffect(() => {
    call(api.GET("/api/admin/v1/sharing/poster-settings")).then(setSettings, () => undefined);
  }, []);
  useEffect(() => {
    if (!settings?.inviteText) return;
    let live = true;
    const timer = setTimeout(() => previewUrl(settings).then((url) => live && setPreview(url)), 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [settings]);
  if (!settings) return null;
  const upload = async (file: File) => {
    const form = new FormData();
    form.append("file", file);
    const response = await fetch("/api/admin/v1/uploads", {
      method: "POST",
      headers: { authorization: `Bearer ${readToken() ?? ""}` },
      body: form,
    });
    if (response.ok) setSettings({ ...settings, inviteBackgroundKey: (await response.json()).key });
    return false;
  };
  const save = async () => {
    try {
      setSettings(await call(api.PUT("/api/admin/v1/sharing/poster-settings", { body: settings })));
      notify.done();
    } catch (error) {
      notify.failed(error);
    }
  };
  return (
    <Row gutter={24} data-testid="poster-settings">
      <Col xs={24} lg={12}>
        <Card title={t("posters.title")}>
          <Form layout="vertical">
            <Form.Item label={t("posters.template")}>
              <Radio.Group
                value={settings.template}
                onChange={(e) => setSettings({ ...settings, template: e.target.value })}
              >
                <Radio.Button value="classic">{t("posters.classic")}</Radio.Button>
                <Radio.Button value="festive">{t("posters.festive")}</Radio.Button>
                <Radio.Button value="minimal">{t("posters.minimal")}</Radio.Button>
              </Radio.Group>
            </Form.Item>
            <Form.Item label={t("posters.background")}>
              <Upload accept="image/png,image/jpeg,image/webp" showUploadList={false} beforeUpload={upload}>
                <Button>{t("posters.upload")}</Button>
              </Upload>
              {settings.inviteBackgroundKey && (
                <Button type="link" onClick={() => setSettings({ ...settings, inviteBackgroundKey: null })}>
                  {t("posters.removeBackground")}
                </Button>
              )}
            </Form.Item>
            <Form.Item label={t("posters.inviteText")}>
              <Input
                maxLength={80}
                value={settings.inviteText}
                onChange={(e) => setSettings({ ...settings, inviteText: e.target.value })}
              />
            </Form.Item>
            <Button type="primary" onClick={save}>
              {t("common.save")}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t("posters.preview")}>
          {preview && (
            <img
              src={preview}
              alt={t("posters.preview")}
              style={{ width: 300, border: "1px solid #eee" }}
              data-testid="poster-preview"
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
