// An audit entry's before and after, field by field, with the fields that changed marked.
import { Table, Tag } from "antd";
import { useI18n } from "../i18n/index.tsx";

type Row = { field: string; before: string; after: string; changed: boolean };

function show(value: unknown): string {
  if (value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  if (value !== null && typeof value === "object" && !Array.isArray(value))
    return value as Record<string, unknown>;
  return value === null || value === undefined ? {} : { "": value };
}

export function diffRows(before: unknown, after: unknown): Row[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields.map((field) => {
    const was = show(b[field]);
    const now = show(a[field]);
    return { field, before: was, after: now, changed: was !== now };
  });
}

export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useI18n();
  const rows = diffRows(before, after);
  return (
    <Table<Row>
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={rows}
      rowClassName={(row) => (row.changed ? "diff-changed" : "")}
      columns={[
        {
          title: t("audit.field"),
          dataIndex: "field",
          width: 180,
          render: (field: string, row) => (
            <span>
              {field || "—"} {row.changed && <Tag color="orange">{t("audit.changed")}</Tag>}
            </span>
          ),
        },
        {
          title: t("audit.before"),
          dataIndex: "before",
          width: "40%",
          render: (v: string) => <code style={{ color: "#cf1322", wordBreak: "break-all" }}>{v}</code>,
        },
        {
          title: t("audit.after"),
          dataIndex: "after",
          width: "40%",
          render: (v: string) => <code style={{ color: "#389e0d", wordBreak: "break-all" }}>{v}</code>,
        },
      ]}
    />
  );
}
