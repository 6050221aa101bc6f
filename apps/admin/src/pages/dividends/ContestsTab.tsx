// Contests (冲刺活动): the editor (a period, a metric, prizes by rank — cash, and/or a prize in kind: a coupon
// template, a course SKU given as a ¥0 order, or a physical item sent by staff), the list, the
// live standing, and freezing an ended contest's ranking (completed orders only; ties go to who got there
// first, then the lower user id) into a run that finance approves to pay the cash prizes.
import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { MoneyInput } from "../../components/MoneyInput.tsx";
import { rowTestId } from "../../components/test-ids.ts";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useAuth } from "../../lib/auth.tsx";
import { formatFen } from "../../lib/money.ts";
import { useNotify } from "../../lib/use-notify.ts";
import { hasInvalidAmount } from "../../lib/yuan-input.ts";

type Contest = Awaited<ReturnType<typeof loadContests>>["items"][number];
type Standing = Awaited<ReturnType<typeof loadStanding>>;
type Prize = Contest["prizes"][number];
const loadContests = () => call(api.GET("/api/admin/v1/dividends/contests"));
const loadStanding = (id: number) =>
  call(api.GET("/api/admin/v1/dividends/contests/{id}", { params: { path: { id } } }));
const metrics = ["sales", "commission", "invites"] as const;

type Values = {
  name: string;
  metric: (typeof metrics)[number];
  period: [{ toISOString(): string }, { toISOString(): string }];
  prizes: {
    cashFen?: number | null;
    item?: string;
    couponTemplateId?: number | null;
    skuId?: number | null;
  }[];
};

export function ContestsTab() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const [contests, setContests] = useState<Contest[]>([]);
  const [creating, setCreating] = useState(false);
  const [standing, setStanding] = useState<Standing | null>(null);
  const [form] = Form.useForm<Values>();
  const editable = can("distribution.configure");
  const reload = useCallback(() => {
    loadContests()
      .then((page) => setContests(page.items))
      .catch(failed);
  }, [failed]);
  useEffect(reload, [reload]);

  async function create(values: Values) {
    if (hasInvalidAmount(values)) return void failed(new Error(t("money.fixFirst")));
    const prizes: Prize[] = values.prizes.map((p, i) => ({
      rank: i + 1,
      cashFen: p.cashFen ?? null,
      item: p.item?.trim() || null,
      couponTemplateId: p.couponTemplateId ?? null,
      skuId: p.skuId ?? null,
    }));
    try {
      await call(
        api.POST("/api/admin/v1/dividends/contests", {
          body: {
            name: values.name,
            metric: values.metric,
            startsAt: values.period[0].toISOString(),
            endsAt: values.period[1].toISOString(),
            prizes,
          },
        }),
      );
      done();
      setCreating(false);
      reload();
    } catch (error) {
      failed(error);
    }
  }

  async function freeze(id: number) {
    try {
      await call(api.POST("/api/admin/v1/dividends/contests/{id}/freeze", { params: { path: { id } } }));
      done("div.contest.frozen");
      reload();
    } catch (error) {
      failed(error);
    }
  }

  const prizeText = (p: Prize) =>
    `#${p.rank} ${p.cashFen !== null ? formatFen(p.cashFen) : ""}${p.item ? ` ${p.item}` : ""}${
      p.couponTemplateId ? ` (${t("div.prize.kind.coupon")} #${p.couponTemplateId})` : ""
    }${p.skuId ? ` (${t("div.prize.kind.order")} SKU #${p.skuId})` : ""}`;
  return (
    <>
      {editable && (
        <Button
          type="primary"
          style={{ marginBottom: 16 }}
          data-testid="contest-create"
          onClick={() => setCreating(true)}
        >
          {t("div.contest.create")}
        </Button>
      )}
      <Table<Contest>
        rowKey="id"
        dataSource={contests}
        pagination={false}
        onRow={(row) => rowTestId("contest-row", row.id)}
        columns={[
          { title: t("div.contest.name"), dataIndex: "name" },
          {
            title: t("div.contest.metric"),
            dataIndex: "metric",
            render: (m: string) => t(`div.metric.${m}` as never),
          },
          {
            title: t("div.run.period"),
            key: "period",
            render: (_, c) =>
              `${new Date(c.startsAt).toLocaleString()} – ${new Date(c.endsAt).toLocaleString()}`,
          },
          {
            title: t("div.contest.prizes"),
            dataIndex: "prizes",
            render: (ps: Prize[]) => ps.map(prizeText).join("，"),
          },
          {
            title: t("div.run.status"),
            key: "status",
            render: (_, c) =>
              c.runStatus ? (
                <Tag>
                  {t(`div.run.status.${c.runStatus}` as never)} #{c.runId}
                </Tag>
              ) : null,
          },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_, c) => (
              <Space>
                <Button size="small" onClick={() => void loadStanding(c.id).then(setStanding, failed)}>
                  {t("div.contest.standing")}
                </Button>
                {editable && !c.runId && (
                  <Button
                    size="small"
                    data-testid={`contest-freeze-${c.id}`}
                    onClick={() => void freeze(c.id)}
                  >
                    {t("div.contest.freeze")}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={standing !== null}
        footer={null}
        onCancel={() => setStanding(null)}
        title={standing?.contest.name}
      >
        <p>{t("div.contest.tieRule")}</p>
        <Table
          size="small"
          rowKey="userId"
          pagination={false}
          dataSource={standing?.standings ?? []}
          columns={[
            { title: "#", dataIndex: "rank" },
            {
              title: t("div.run.member"),
              dataIndex: "nickname",
              render: (n: string | null, s) => `${n ?? ""} #${s.userId}`,
            },
            {
              title: t("div.contest.value"),
              dataIndex: "value",
              render: (v: number) => (standing?.contest.metric === "invites" ? v : formatFen(v)),
            },
            {
              title: t("div.contest.prize"),
              dataIndex: "prize",
              render: (p: Prize | null) => (p ? prizeText(p) : ""),
            },
          ]}
        />
      </Modal>
      <Modal
        open={creating}
        title={t("div.contest.create")}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        width={720}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={create}
          initialValues={{
            metric: "sales",
            prizes: [{ cashFen: 10_000 }, { cashFen: 8_000 }, { cashFen: 5_000 }],
          }}
        >
          <Form.Item name="name" label={t("div.contest.name")} rules={[{ required: true, max: 60 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="metric" label={t("div.contest.metric")}>
            <Select options={metrics.map((m) => ({ value: m, label: t(`div.metric.${m}`) }))} />
          </Form.Item>
          <Form.Item name="period" label={t("div.run.period")} rules={[{ required: true }]}>
            <DatePicker.RangePicker showTime />
          </Form.Item>
          <Form.List name="prizes">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <Space key={field.key} align="end">
                    <span>#{i + 1}</span>
                    <Form.Item name={[field.name, "cashFen"]} label={t("div.contest.cash")}>
                      <MoneyInput style={{ width: 120 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, "item"]} label={t("div.contest.item")}>
                      <Input style={{ width: 160 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, "couponTemplateId"]}
                      label={t("div.prize.couponTemplateId")}
                    >
                      <InputNumber min={1} precision={0} style={{ width: 100 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, "skuId"]} label={t("div.bonus.skuId")}>
                      <InputNumber min={1} precision={0} style={{ width: 100 }} />
                    </Form.Item>
                    <Button onClick={() => remove(field.name)}>{t("common.delete")}</Button>
                  </Space>
                ))}
                <div>
                  <Button onClick={() => add({})}>{t("div.contest.addPrize")}</Button>
                </div>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </>
  );
}
