// A product's or SKU's commission override: inherit (grade, then plan), off, rates per level, or fixed fen per unit.
import { Select, Space, Typography } from "antd";
import { type MessageKey, useI18n } from "../i18n/index.tsx";
import { formatBps, formatFen } from "../lib/money.ts";
import { MoneyInput, PercentInput } from "./MoneyInput.tsx";

type Three = [number, number, number];
export type CommissionOverride =
  | { kind: "inherit" }
  | { kind: "off" }
  | { kind: "rates"; ratesBps: Three }
  | { kind: "fixed"; fenPerUnit: Three };

const levels = [0, 1, 2] as const;
const levelLabel: MessageKey[] = ["commission.level1", "commission.level2", "commission.level3"];

/** Reads whatever the server stored; anything unrecognised counts as inherit. */
export function asOverride(value: unknown): CommissionOverride {
  const v = value as CommissionOverride | null;
  if (v && (v.kind === "off" || v.kind === "rates" || v.kind === "fixed")) return v;
  return { kind: "inherit" };
}

export function useOverrideSummary() {
  const { t } = useI18n();
  return (value: unknown): string => {
    const rule = asOverride(value);
    if (rule.kind === "rates") return rule.ratesBps.map(formatBps).join(" / ");
    if (rule.kind === "fixed") return rule.fenPerUnit.map(formatFen).join(" / ");
    return t(`commission.kind.${rule.kind}`);
  };
}

type Props = { value?: unknown; onChange?: (value: CommissionOverride) => void; testId?: string };

export function CommissionRuleInput({ value, onChange, testId = "commission-rule" }: Props) {
  const { t } = useI18n();
  const rule = asOverride(value);
  const setLevel = (i: 0 | 1 | 2, n: number | null) => {
    if (rule.kind === "rates") {
      const next = [...rule.ratesBps] as Three;
      next[i] = n ?? 0;
      onChange?.({ kind: "rates", ratesBps: next });
    } else if (rule.kind === "fixed") {
      const next = [...rule.fenPerUnit] as Three;
      next[i] = n ?? 0;
      onChange?.({ kind: "fixed", fenPerUnit: next });
    }
  };
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Select<CommissionOverride["kind"]>
        data-testid={`${testId}-kind`}
        style={{ width: 220 }}
        value={rule.kind}
        onChange={(kind) => {
          if (kind === "rates") onChange?.({ kind, ratesBps: [1000, 500, 0] });
          else if (kind === "fixed") onChange?.({ kind, fenPerUnit: [0, 0, 0] });
          else onChange?.({ kind });
        }}
        options={(["inherit", "off", "rates", "fixed"] as const).map((k) => ({
          value: k,
          label: t(`commission.kind.${k}`),
        }))}
      />
      {(rule.kind === "rates" || rule.kind === "fixed") && (
        <Space wrap>
          {levels.map((i) => (
            <Space key={i} size={4}>
              <Typography.Text type="secondary">{t(levelLabel[i]!)}</Typography.Text>
              {rule.kind === "rates" ? (
                <PercentInput
                  data-testid={`${testId}-l${i + 1}`}
                  style={{ width: 110 }}
                  value={rule.ratesBps[i]}
                  onChange={(n) => setLevel(i, n)}
                />
              ) : (
                <MoneyInput
                  data-testid={`${testId}-l${i + 1}`}
                  style={{ width: 120 }}
                  value={rule.fenPerUnit[i]}
                  onChange={(n) => setLevel(i, n)}
                />
              )}
            </Space>
          ))}
        </Space>
      )}
      <Typography.Text type="secondary">{t(`commission.hint.${rule.kind}`)}</Typography.Text>
    </Space>
  );
}
