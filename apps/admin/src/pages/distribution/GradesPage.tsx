// 分销等级: merchant-defined grades, their upgrade tasks (all required) and their own commission rates.

import {
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
} from "antd";
import { useCallback, useEffect, useState } from "react";
import { MoneyInput, PercentInput } from "../../components/MoneyInput.tsx";
import { rowTestId } from "../../components/test-ids.ts";
import { type Translate, useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useAuth } from "../../lib/auth.tsx";
import { formatBps, formatFen } from "../../lib/money.ts";
import { useNotify } from "../../lib/use-notify.ts";
import { hasInvalidAmount } from "../../lib/yuan-input.ts";
import type { Grade, GradeTasks, Three } from "./types.ts";

type Values = { rank: number; name: string; tasks: GradeTasks; ownRates: boolean; ratesBps: Three };
const countTasks = ["invitesWhoBought", "ownOrderCount", "downlineOrderCount"] as const;
const fenTasks = ["ownSpendFen", "downlineSpendFen", "settledCommissionFen"] as const;

function describeTasks(tasks: GradeTasks, t: Translate): string {
  const parts = [
    ...countTasks.filter((k) => tasks[k]).map((k) => `${t(`grade.task.${k}`)} ≥ ${tasks[k]}`),
    ...fenTasks.filter((k) => tasks[k]).map((k) => `${t(`grade.task.${k}`)} ≥ ${formatFen(tasks[k] ?? 0)}`),
    ...(tasks.boughtProductIds?.length
      ? [`${t("grade.task.boughtProductIds")}: ${tasks.boughtProductIds.join(", ")}`]
      : []),
  ];
  return parts.join("；") || t("grade.noTasks");
}

/** Empty task fields are left out: a task the merchant did not set is not required. */
function cleanTasks(tasks: GradeTasks): GradeTasks {
  return Object.fromEntries(
    Object.entries(tasks ?? {}).filter(
      ([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0),
    ),
  );
}

export function GradesPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const [grades, setGrades] = useState<Grade[]>([]);
  const [editing, setEditing] = useState<Grade | "new" | null>(null);
  const [form] = Form.useForm<Values>();
  const editable = can("distribution.configure");

  const reload = useCallback(() => {
    call(api.GET("/api/admin/v1/distribution/grades"))
      .then((page) => setGrades([...page.items].sort((a, b) => a.rank - b.rank)))
      .catch(failed);
  }, [failed]);
  useEffect(reload, [reload]);

  function open(grade: Grade | "new") {
    setEditing(grade);
    const g = grade === "new" ? null : grade;
    form.setFieldsValue({
      rank: g?.rank ?? (grades.at(-1)?.rank ?? 0) + 1,
      name: g?.name ?? "",
      tasks: g?.tasks ?? {},
      ownRates: Boolean(g?.ratesBps),
      ratesBps: g?.ratesBps ?? [1000, 500, 0],
    });
  }

  async function save(values: Values) {
    if (hasInvalidAmount(values)) return void failed(new Error(t("money.fixFirst")));
    const body = {
      rank: values.rank,
      name: values.name,
      tasks: cleanTasks(values.tasks),
      ratesBps: values.ownRates ? values.ratesBps : null,
    };
    try {
      if (editing === "new") await call(api.POST("/api/admin/v1/distribution/grades", { body }));
      else if (editing)
        await call(
          api.PUT("/api/admin/v1/distribution/grades/{id}", { params: { path: { id: editing.id } }, body }),
        );
      done();
      setEditing(null);
      reload();
    } catch (error) {
      failed(error);
    }
  }

  async function remove(id: number) {
    try {
      await call(api.DELETE("/api/admin/v1/distribution/grades/{id}", { params: { path: { id } } }));
      done("common.deleted");
      reload();
    } catch (error) {
      failed(error);
    }
  }

  const ownRates = Form.useWatch("ownRates", form);
  return (
    <Card
      title={t("grade.title")}
      extra={
        editable && (
          <Button data-testid="grade-create" type="primary" onClick={() => open("new")}>
            {t("grade.create")}
          </Button>
        )
      }
    >
      <Table<Grade>
        rowKey="id"
        dataSource={grades}
        pagination={false}
        onRow={(row) => rowTestId("grade-row", row.id)}
        columns={[
          { title: t("grade.rank"), dataIndex: "rank", width: 80 },
          { title: t("grade.name"), dataIndex: "name" },
          {
            title: t("grade.tasks"),
            dataIndex: "tasks",
            render: (tasks: GradeTasks) => describeTasks(tasks, t),
          },
          {
            title: t("grade.rates"),
            dataIndex: "ratesBps",
            render: (r: Three | null) => (r ? r.map(formatBps).join(" / ") : t("grade.planRates")),
          },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_, row) =>
              editable && (
                <Space>
                  <Button size="small" data-testid={`grade-edit-${row.id}`} onClick={() => open(row)}>
                    {t("common.edit")}
                  </Button>
                  <Popconfirm title={t("common.confirmDelete")} onConfirm={() => void remove(row.id)}>
                    <Button size="small" danger>
                      {t("common.delete")}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        width={720}
        title={editing === "new" ? t("grade.create") : t("grade.edit")}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okButtonProps={{ "data-testid": "grade-save" }}
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Space wrap>
            <Form.Item name="rank" label={t("grade.rank")} rules={[{ required: true }]}>
              <InputNumber min={0} max={1000} precision={0} />
            </Form.Item>
            <Form.Item name="name" label={t("grade.name")} rules={[{ required: true, max: 40 }]}>
              <Input data-testid="grade-name" />
            </Form.Item>
          </Space>
          <Space wrap>
            {countTasks.map((k) => (
              <Form.Item key={k} name={["tasks", k]} label={t(`grade.task.${k}`)}>
                <InputNumber min={0} precision={0} />
              </Form.Item>
            ))}
            {fenTasks.map((k) => (
              <Form.Item key={k} name={["tasks", k]} label={t(`grade.task.${k}`)}>
                <MoneyInput style={{ width: 140 }} />
              </Form.Item>
            ))}
          </Space>
          <Form.Item name={["tasks", "boughtProductIds"]} label={t("grade.task.boughtProductIds")}>
            <Select mode="tags" open={false} tokenSeparators={[",", " "]} />
          </Form.Item>
          <Form.Item name="ownRates" label={t("grade.ownRates")} valuePropName="checked">
            <Switch />
          </Form.Item>
          {ownRates && (
            <Space wrap>
              {[0, 1, 2].map((i) => (
                <Form.Item
                  key={i}
                  name={["ratesBps", i]}
                  label={t("dist.rateLevel", { n: i + 1 })}
                  rules={[{ required: true }]}
                >
                  <PercentInput style={{ width: 120 }} />
                </Form.Item>
              ))}
            </Space>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
