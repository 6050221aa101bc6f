// The product's spec axes (尺码 S/M/L × 颜色 红/蓝), at most three, each with its values typed as tags.
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Input, Select, Space } from "antd";
import { useI18n } from "../../i18n/index.tsx";
import type { SpecAxis } from "./sku-matrix.ts";

type Props = { axes: SpecAxis[]; onChange: (axes: SpecAxis[]) => void; disabled?: boolean };

export function SpecAxesEditor({ axes, onChange, disabled }: Props) {
  const { t } = useI18n();
  const replace = (i: number, axis: SpecAxis) => onChange(axes.map((a, j) => (j === i ? axis : a)));
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {axes.map((axis, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: axes have no identity beyond their position
        <Space key={i} align="start" wrap>
          <Input
            data-testid={`spec-axis-name-${i}`}
            style={{ width: 140 }}
            placeholder={t("product.specName")}
            value={axis.name}
            maxLength={20}
            disabled={disabled}
            onChange={(e) => replace(i, { ...axis, name: e.target.value })}
          />
          <Select
            data-testid={`spec-axis-values-${i}`}
            mode="tags"
            style={{ minWidth: 360 }}
            placeholder={t("product.specValues")}
            value={axis.values}
            disabled={disabled}
            tokenSeparators={[",", "，", " "]}
            open={false}
            onChange={(values: string[]) =>
              replace(i, { ...axis, values: [...new Set(values.map((v) => v.trim()).filter(Boolean))] })
            }
          />
          <Button
            icon={<DeleteOutlined />}
            disabled={disabled}
            onClick={() => onChange(axes.filter((_, j) => j !== i))}
          />
        </Space>
      ))}
      {axes.length < 3 && (
        <Button
          data-testid="spec-axis-add"
          icon={<PlusOutlined />}
          disabled={disabled}
          onClick={() => onChange([...axes, { name: "", values: [] }])}
        >
          {t("product.addSpec")}
        </Button>
      )}
    </Space>
  );
}
