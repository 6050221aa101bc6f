// The form fields of each provider's settings, and how the form's values become the API's body.
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Form, Input, Space } from "antd";
import { useI18n } from "../../i18n/index.tsx";

type Hints = Record<string, string | null>;

/** A write-only secret: empty keeps the stored value; the placeholder says which key is stored. */
function SecretField({
  name,
  label,
  hint,
  multiline,
}: {
  name: string;
  label: string;
  hint: string | null | undefined;
  multiline?: boolean;
}) {
  const { t } = useI18n();
  const placeholder = hint ? t("paySettings.secretKept", { hint }) : t("paySettings.secretRequired");
  return (
    <Form.Item
      name={name}
      label={label}
      extra={hint ? t("paySettings.secretStored", { hint }) : undefined}
      rules={hint ? [] : [{ required: true, message: t("paySettings.secretRequired") }]}
    >
      {multiline ? (
        <Input.TextArea rows={3} placeholder={placeholder} autoComplete="off" spellCheck={false} />
      ) : (
        <Input.Password placeholder={placeholder} autoComplete="new-password" />
      )}
    </Form.Item>
  );
}

export function WechatFields({ secrets }: { secrets: Hints }) {
  const { t } = useI18n();
  return (
    <>
      <Space size="middle" wrap>
        <Form.Item
          name="mchid"
          label={t("paySettings.mchid")}
          rules={[{ required: true, pattern: /^\d{6,20}$/ }]}
        >
          <Input style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="appid" label={t("paySettings.appid")} rules={[{ required: true, max: 32 }]}>
          <Input style={{ width: 220 }} />
        </Form.Item>
        <Form.Item
          name="merchantSerial"
          label={t("paySettings.merchantSerial")}
          rules={[{ required: true, pattern: /^[0-9A-Fa-f]{8,64}$/ }]}
        >
          <Input style={{ width: 360 }} />
        </Form.Item>
      </Space>
      <SecretField
        name="merchantPrivateKeyPem"
        label={t("paySettings.merchantPrivateKey")}
        hint={secrets.merchantPrivateKeyPem}
        multiline
      />
      <SecretField name="apiV3Key" label={t("paySettings.apiV3Key")} hint={secrets.apiV3Key} />
      <Form.Item
        label={t("paySettings.wechatpayPublicKeys")}
        extra={t("paySettings.wechatpayPublicKeysHint")}
        required
      >
        <Form.List
          name="publicKeys"
          rules={[
            {
              validator: async (_, keys: unknown[] | undefined) => {
                if (!keys || keys.length === 0) throw new Error(t("paySettings.publicKeyRequired"));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="start" style={{ display: "flex" }}>
                  <Form.Item name={[field.name, "id"]} rules={[{ required: true, max: 64 }]}>
                    <Input placeholder={t("paySettings.publicKeyId")} style={{ width: 240 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, "pem"]} rules={[{ required: true }]}>
                    <Input.TextArea
                      rows={2}
                      placeholder="-----BEGIN PUBLIC KEY-----"
                      style={{ width: 460 }}
                    />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} style={{ marginTop: 8 }} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ id: "", pem: "" })}>
                {t("paySettings.addPublicKey")}
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item name="baseUrl" label={t("paySettings.baseUrl")} extra={t("paySettings.baseUrlHint")}>
        <Input placeholder="https://api.mch.weixin.qq.com" />
      </Form.Item>
    </>
  );
}

export function AlipayFields({ secrets }: { secrets: Hints }) {
  const { t } = useI18n();
  return (
    <>
      <Space size="middle" wrap>
        <Form.Item
          name="appId"
          label={t("paySettings.alipayAppId")}
          rules={[{ required: true, pattern: /^\d{10,20}$/ }]}
        >
          <Input style={{ width: 220 }} />
        </Form.Item>
        <Form.Item
          name="sellerId"
          label={t("paySettings.sellerId")}
          rules={[{ required: true, pattern: /^2088\d{12}$/ }]}
        >
          <Input style={{ width: 220 }} />
        </Form.Item>
      </Space>
      <SecretField
        name="privateKey"
        label={t("paySettings.alipayPrivateKey")}
        hint={secrets.privateKey}
        multiline
      />
      <Form.Item name="alipayPublicKey" label={t("paySettings.alipayPublicKey")} rules={[{ required: true }]}>
        <Input.TextArea rows={3} placeholder="-----BEGIN PUBLIC KEY-----" spellCheck={false} />
      </Form.Item>
      <Form.Item name="gatewayUrl" label={t("paySettings.gatewayUrl")} extra={t("paySettings.baseUrlHint")}>
        <Input placeholder="https://openapi.alipay.com/gateway.do" />
      </Form.Item>
    </>
  );
}

const optional = (value: unknown) =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;

export function toWechatBody(v: Record<string, unknown>) {
  const keys = (v.publicKeys as { id: string; pem: string }[] | undefined) ?? [];
  return {
    enabled: Boolean(v.enabled),
    mchid: String(v.mchid ?? "").trim(),
    appid: String(v.appid ?? "").trim(),
    merchantSerial: String(v.merchantSerial ?? "").trim(),
    wechatpayPublicKeys: Object.fromEntries(keys.map((k) => [k.id.trim(), k.pem.trim()])),
    baseUrl: optional(v.baseUrl),
    merchantPrivateKeyPem: optional(v.merchantPrivateKeyPem),
    apiV3Key: optional(v.apiV3Key),
  };
}

export function toAlipayBody(v: Record<string, unknown>) {
  return {
    enabled: Boolean(v.enabled),
    appId: String(v.appId ?? "").trim(),
    sellerId: String(v.sellerId ?? "").trim(),
    alipayPublicKey: String(v.alipayPublicKey ?? "").trim(),
    gatewayUrl: optional(v.gatewayUrl),
    privateKey: optional(v.privateKey),
  };
}
