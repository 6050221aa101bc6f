// The SKU matrix: one row per spec combination with price, original price, stock, code, weight and commission.
import { Button, Input, InputNumber, Modal, Space, Table } from "antd";
import { useState } from "react";
import { CommissionRuleInput, useOverrideSummary } from "../../components/CommissionRuleInput.tsx";
import { MoneyInput } from "../../components/MoneyInput.tsx";
import { StockAdjustDialog } from "../../components/StockAdjustDialog.tsx";
import { useI18n } from "../../i18n/index.tsx";
import type { SkuRow, SpecAxis } from "./sku-matrix.ts";

type Props = { axes: SpecAxis[]; skus: SkuRow[]; onChange: (skus: SkuRow[]) => void; disabled?: boolean };

export function SkuTable({ axes, skus, onChange, disabled }: Props) {
  const { t } = useI18n();
  const summary = useOverrideSummary();
  const [adjusting, setAdjusting] = useState<SkuRow | null>(null);
  const [ruleOf, setRuleOf] = useState<SkuRow | null>(null);
  const patch = (key: string, change: Partial<SkuRow>) =>
    onChange(skus.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const named = axes.filter((a) => a.name.trim() && a.values.length > 0);

  return (
    <>
      <Table<SkuRow>
        data-testid="sku-table"
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={skus}
        scroll={{ x: true }}
        columns={[
          ...named.map((axis, i) => ({
            title: axis.name,
            key: `axis-${i}`,
            render: (_: unknown, row: SkuRow) => row.specValues[i],
          })),
          {
            title: t("product.price"),
            key: "price",
            render: (_, row, i) => (
              <MoneyInput
                data-testid={`sku-price-${i}`}
                style={{ width: 120 }}
                disabled={disabled}
                value={row.priceFen}
                onChange={(v) => patch(row.key, { priceFen: v })}
              />
            ),
          },
          {
            title: t("product.originalPrice"),
            key: "original",
            render: (_, row, i) => (
              <MoneyInput
                data-testid={`sku-original-${i}`}
                style={{ width: 120 }}
                disabled={disabled}
                value={row.originalPriceFen}
                onChange={(v) => patch(row.key, { originalPriceFen: v })}
              />
            ),
          },
          {
            title: t("product.stock"),
            key: "stock",
            render: (_, row, i) =>
              row.id === undefined ? (
                <InputNumber
                  data-testid={`sku-stock-${i}`}
                  min={0}
                  precision={0}
                  disabled={disabled}
                  value={row.stock}
                  onChange={(v) => patch(row.key, { stock: v ?? 0 })}
                />
              ) : (
                <Space>
                  <span>{row.stock}</span>
                  {!disabled && (
                    <Button
                      size="small"
                      type="link"
                      data-testid={`sku-adjust-${i}`}
                      onClick={() => setAdjusting(row)}
                    >
                      {t("stock.adjust")}
                    </Button>
                  )}
                </Space>
              ),
          },
          {
            title: t("product.code"),
            key: "code",
            render: (_, row, i) => (
              <Input
                data-testid={`sku-code-${i}`}
                style={{ width: 130 }}
                disabled={disabled}
                value={row.code ?? ""}
                onChange={(e) => patch(row.key, { code: e.target.value.trim() || null })}
              />
            ),
          },
          {
            title: t("product.weight"),
            key: "weight",
            render: (_, row, i) => (
              <InputNumber
                data-testid={`sku-weight-${i}`}
                min={0}
                precision={0}
                disabled={disabled}
                addonAfter="g"
                style={{ width: 120 }}
                value={row.weightGrams}
                onChange={(v) => patch(row.key, { weightGrams: v ?? 0 })}
              />
            ),
          },
          {
            title: t("product.commission"),
            key: "commission",
            render: (_, row, i) => (
              <Button
                size="small"
                data-testid={`sku-commission-${i}`}
                disabled={disabled}
                onClick={() => setRuleOf(row)}
              >
                {summary(row.commissionRule)}
              </Button>
            ),
          },
        ]}
      />
      <StockAdjustDialog
        skuId={adjusting?.id ?? null}
        onClose={() => setAdjusting(null)}
        onAdjusted={(stock) => adjusting && patch(adjusting.key, { stock })}
      />
      <Modal
        open={ruleOf !== null}
        title={t("product.skuCommission")}
        footer={null}
        onCancel={() => setRuleOf(null)}
      >
        {ruleOf && (
          <CommissionRuleInput
            testId="sku-commission-rule"
            value={skus.find((s) => s.key === ruleOf.key)?.commissionRule}
            onChange={(rule) => patch(ruleOf.key, { commissionRule: rule })}
          />
        )}
      </Modal>
    </>
  );
}
