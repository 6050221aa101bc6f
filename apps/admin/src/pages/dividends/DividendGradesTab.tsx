// Dividend member grades (gold 5%, silver 4%…) with the conditions that upgrade a member automatically
// (settled commission, own and team order amounts, a product bought, invitees who bought), and setting a
// shopper's grade by hand.
import { Button, Form, Input, InputNumber, Modal, Select, Space, Table } from "antd";
import { useCallback, useEffect, useState } from "react";
import { MoneyInput, PercentInput } from "../../components/MoneyInput.tsx";
import { rowTestId } from "../../components/test-ids.ts";
import { type Translate, useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useAuth } from "../../lib/auth.tsx";
import { formatBps, formatFen } from "../../lib/money.ts";
import { useNotify } from "../../lib/use-notify.ts";
import { hasInvalidAmount } from "../../lib/yuan-input.ts";

type Grade = Awaited<ReturnType<typeof load>>["items"][number];
type Tasks = Grade["tasks"];
const load = () => call(api.GET("/api/admin/v1/dividends/grades"));
const fenTasks = ["settledCommissionFen", "ownSpendFen", "teamSpendFen", "downlineSpendFen"] as const;
const countTasks = ["directDistributors", "invitesWhoBought"] as const;

function describe(tasks: Tasks, t: Translate) {
  const parts = [
    ...fenTasks.filter((k) => tasks[k]).map((k) => `${t(`grade.task.${k}`)} ≥ ${formatFen(tasks[k] ?? 0)}`),
    ...countTasks.filter((k) => tasks[k]).map((k) => `${t(`grade.task.${k}`)} ≥ ${tasks[k]}`),
    ...(tasks.boughtProductIds?.length
      ? [`${t("grade.task.boughtProductIds")}: ${tasks.boughtProductIds.join(", ")}`]
      : []),
  ];
  return parts.join("；") || t("div.grade.byStaff");
}

export function DividendGradesTab() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const [grades, setGrades] = useState<Grade[]>([]);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const [memberForm] = Form.useForm<{ userId: number; gradeId: number | null }>();
  const editable = can("distribution.configure");

  const reload = useCallback(() => {
    load()
      .then((page) => setGrades(page.items))
      .catch(failed);
  }, [failed]);
  useEffect(reload, [reload]);

  async function create(values: { rank: number; name: string; rateBps: number; tasks: Tasks }) {
    if (hasInvalidAmount(values)) return void failed(new Error(t("money.fixFirst")));
    const tasks = Object.fromEntries(
      Object.entries(values.tasks ?? {}).filter(
        ([, v]) => v != null && !(Array.isArray(v) && v.length === 0),
      ),
    );
    try {
      await call(api.POST("/api/admin/v1/dividends/grades", { body: { ...values, tasks } }));
      done();
      setCreating(false);
      reload();
    } catch (error) {
      failed(error);
    }
  }

  async function assign(values: { userId: number; gradeId: number | null }) {
    try {
      await call(
        api.PUT("/api/admin/v1/dividends/members/{userId}", {
          params: { path: { userId: values.userId } },
          body: { gradeId: values.gradeId ?? null },
        }),
      );
      done();
      reload();
    } catch (error) {
      failed(error);
    }
  }

  return (
    <>
      <Table<Grade>
        rowKey="id"
        dataSource={grades}
        pagination={false}
        onRow={(row) => rowTestId("dividend-grade-row", row.id)}
        columns={[
          { title: t("grade.rank"), dataIndex: "rank", width: 80 },
          { title: t("grade.name"), dataIndex: "name" },
          { title: t("div.grade.rate"), dataIndex: "rateBps", render: (v: number) => formatBps(v) },
          {
            title: t("div.grade.conditions"),
            dataIndex: "tasks",
            render: (tasks: Tasks) => describe(tasks, t),
          },
          { title: t("div.grade.members"), dataIndex: "members" },
        ]}
      />
      {editable && (
        <Space style={{ marginTop: 16 }} wrap align="end">
          <Button type="primary" data-testid="dividend-grade-create" onClick={() => setCreating(true)}>
            {t("div.grade.create")}
          </Button>
          <Form form={memberForm} layout="inline" onFinish={assign}>
            <Form.Item name="userId" label={t("div.grade.userId")} rules={[{ required: true }]}>
              <InputNumber min={1} precision={0} />
            </Form.Item>
            <Form.Item name="gradeId" label={t("div.grade.assign")}>
              <Select
                allowClear
                style={{ width: 160 }}
                placeholder={t("div.grade.none")}
                options={grades.map((g) => ({ value: g.id, label: g.name }))}
              />
            </Form.Item>
            <Button htmlType="submit">{t("common.save")}</Button>
          </Form>
        </Space>
      )}
      <Modal
        open={creating}
        title={t("div.grade.create")}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        width={720}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={create}
          initialValues={{ rank: (grades.at(-1)?.rank ?? 0) + 1, rateBps: 300, tasks: {} }}
        >
          <Space wrap>
            <Form.Item name="rank" label={t("grade.rank")} rules={[{ required: true }]}>
              <InputNumber min={0} max={1000} precision={0} />
            </Form.Item>
            <Form.Item name="name" label={t("grade.name")} rules={[{ required: true, max: 40 }]}>
              <Input data-testid="dividend-grade-name" />
            </Form.Item>
            <Form.Item name="rateBps" label={t("div.grade.rate")} rules={[{ required: true }]}>
              <PercentInput style={{ width: 100 }} />
            </Form.Item>
          </Space>
          <Space wrap>
            {fenTasks.map((k) => (
              <Form.Item key={k} name={["tasks", k]} label={t(`grade.task.${k}`)}>
                <MoneyInput style={{ width: 140 }} />
              </Form.Item>
            ))}
            {countTasks.map((k) => (
              <Form.Item key={k} name={["tasks", k]} label={t(`grade.task.${k}`)}>
                <InputNumber min={0} precision={0} data-testid={`grade-task-${k}`} />
              </Form.Item>
            ))}
          </Space>
          <Form.Item name={["tasks", "boughtProductIds"]} label={t("grade.task.boughtProductIds")}>
            <Select mode="tags" open={false} tokenSeparators={[",", " "]} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
