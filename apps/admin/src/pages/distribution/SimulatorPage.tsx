// 规则模拟: what each level would earn on a cart under the saved plan (or a rule per item), with the reasons.
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, Form, Input, InputNumber, List, Select, Space, Switch, Table, Tag } from "antd";
import { useState } from "react";
import { type CommissionOverride, CommissionRuleInput } from "../../components/CommissionRuleInput.tsx";
import { MoneyInput } from "../../components/MoneyInput.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { formatBps, formatFen } from "../../lib/money.ts";
import { useNotify } from "../../lib/use-notify.ts";
import { hasInvalidAmount } from "../../lib/yuan-input.ts";
import { liveActivityKinds } from "./activities.ts";
import type { Simulation } from "./types.ts";

type Item = { ref: string; paidFen: number | null; quantity: number; rule?: CommissionOverride };
type Values = {
  items: Item[];
  chain: { userId: string; isActiveDistributor: boolean }[];
  selfPurchaseBuyerIsDistributor: boolean;
  activityKind: string | null;
};
type Line = Simulation["lines"][number];

const initial: Values = {
  items: [{ ref: "item1", paidFen: 10000, quantity: 1 }],
  chain: [
    { userId: "A", isActiveDistributor: true },
    { userId: "B", isActiveDistributor: true },
    { userId: "C", isActiveDistributor: true },
  ],
  selfPurchaseBuyerIsDistributor: false,
  activityKind: null,
};

export function SimulatorPage() {
  const { t, language, label } = useI18n();
  const { failed } = useNotify();
  const [result, setResult] = useState<Simulation | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(values: Values) {
    if (hasInvalidAmount(values)) return void failed(new Error(t("money.fixFirst")));
    setBusy(true);
    try {
      const body = {
        ...values,
        items: values.items.map((i) => ({
          ref: i.ref,
          paidFen: i.paidFen ?? 0,
          quantity: i.quantity,
          ...(i.rule && i.rule.kind !== "inherit" ? { rule: i.rule } : {}),
        })),
      };
      setResult(await call(api.POST("/api/admin/v1/distribution/simulate", { body })));
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card title={t("sim.title")} extra={t("sim.hint")}>
        <Form<Values> layout="vertical" initialValues={initial} onFinish={run}>
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <Space
                    key={field.key}
                    align="start"
                    wrap
                    style={{ borderBottom: "1px dashed #eee", marginBottom: 8 }}
                  >
                    <Form.Item name={[field.name, "ref"]} label={t("sim.item")} rules={[{ required: true }]}>
                      <Input style={{ width: 100 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, "paidFen"]}
                      label={t("sim.paid")}
                      rules={[{ required: true }]}
                    >
                      <MoneyInput data-testid={`sim-paid-${i}`} style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, "quantity"]} label={t("order.quantity")}>
                      <InputNumber min={1} precision={0} />
                    </Form.Item>
                    <Form.Item name={[field.name, "rule"]} label={t("sim.productRule")}>
                      <CommissionRuleInput testId={`sim-rule-${i}`} />
                    </Form.Item>
                    {fields.length > 1 && (
                      <MinusCircleOutlined style={{ marginTop: 38 }} onClick={() => remove(field.name)} />
                    )}
                  </Space>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ ref: `item${fields.length + 1}`, paidFen: 10000, quantity: 1 })}
                >
                  {t("sim.addItem")}
                </Button>
              </>
            )}
          </Form.List>
          <Form.List name="chain">
            {(fields) => (
              <Form.Item label={t("sim.chain")} extra={t("sim.chainHint")} style={{ marginTop: 16 }}>
                <Space wrap size="large">
                  {fields.map((field, i) => (
                    <Space key={field.key}>
                      <Tag>{t("sim.upline", { n: i + 1 })}</Tag>
                      <Form.Item noStyle name={[field.name, "userId"]}>
                        <Input style={{ width: 60 }} />
                      </Form.Item>
                      <Form.Item noStyle name={[field.name, "isActiveDistributor"]} valuePropName="checked">
                        <Switch checkedChildren={t("sim.active")} unCheckedChildren={t("sim.inactive")} />
                      </Form.Item>
                    </Space>
                  ))}
                </Space>
              </Form.Item>
            )}
          </Form.List>
          <Space wrap size="large">
            <Form.Item
              name="selfPurchaseBuyerIsDistributor"
              label={t("sim.buyerIsDistributor")}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
            {liveActivityKinds.length > 0 && (
              <Form.Item name="activityKind" label={t("sim.activity")}>
                <Select
                  allowClear
                  style={{ width: 180 }}
                  placeholder={t("sim.noActivity")}
                  options={liveActivityKinds.map((k) => ({ value: k, label: t(`activity.${k}`) }))}
                />
              </Form.Item>
            )}
          </Space>
          <div>
            <Button data-testid="sim-run" type="primary" htmlType="submit" loading={busy}>
              {t("sim.run")}
            </Button>
          </div>
        </Form>
      </Card>
      {result && (
        <Card title={t("sim.result", { total: formatFen(result.commissionFen) })} data-testid="sim-result">
          <Table<Line>
            size="small"
            pagination={false}
            rowKey={(l) => `${l.orderItemRef}-${l.level}`}
            dataSource={result.lines}
            columns={[
              { title: t("sim.item"), dataIndex: "orderItemRef" },
              {
                title: t("sim.level"),
                dataIndex: "level",
                render: (n: number) => (n === 0 ? t("sim.leader") : t("dist.levelN", { n })),
              },
              { title: t("sim.earner"), dataIndex: "earnerUserId" },
              { title: t("sim.base"), dataIndex: "baseFen", render: formatFen },
              {
                title: t("sim.rule"),
                key: "rule",
                render: (_, l) =>
                  l.rateBps !== null
                    ? formatBps(l.rateBps)
                    : `${formatFen(l.fixedFenPerUnit ?? 0)} × ${l.quantity}`,
              },
              {
                title: t("sim.source"),
                dataIndex: "rateSource",
                render: (s: string) => label(`rateSource.${s}`, s),
              },
              {
                title: t("sim.amount"),
                dataIndex: "amountFen",
                render: (f: number, l) => (
                  <span>
                    {formatFen(f)} {l.reason === "CAPPED" && <Tag color="orange">{t("sim.capped")}</Tag>}
                  </span>
                ),
              },
            ]}
          />
          <List
            size="small"
            header={t("sim.notes")}
            dataSource={result.notes}
            renderItem={(note) => <List.Item>{language === "en" ? note.en : note.zh}</List.Item>}
          />
        </Card>
      )}
    </Space>
  );
}
