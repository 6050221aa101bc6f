// The month's tiered and volume bonuses (阶梯奖励 / 满额返现): units tiers (20 bottles → ¥300), a bonus per
// step of promoted amount (every ¥2,000 → ¥100), a rising rate as a top-up (10% → 12% → 15%), or a prize in
// kind (two referred buyers → a free class, granted as a ¥0 order of a service SKU when the run is approved).
import { Button, Card, Form, Input, InputNumber, Select, Space } from "antd";
import { MoneyInput, PercentInput } from "../../components/MoneyInput.tsx";
import { useI18n } from "../../i18n/index.tsx";

const kinds = ["units_tier", "every_amount", "rate_top_up", "in_kind"] as const;

export function BonusRulesField() {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  return (
    <Form.List name="bonuses">
      {(rules, { add, remove }) => (
        <>
          {rules.map((rule) => {
            const kind = form.getFieldValue(["bonuses", rule.name, "kind"]) as (typeof kinds)[number];
            return (
              <Card key={rule.key} size="small" style={{ marginBottom: 8 }} data-testid="bonus-rule">
                <Space wrap align="end">
                  <Form.Item name={[rule.name, "kind"]} label={t("div.bonus.kind")}>
                    <Select
                      style={{ width: 180 }}
                      disabled
                      options={kinds.map((k) => ({ value: k, label: t(`div.bonus.${k}`) }))}
                    />
                  </Form.Item>
                  {kind === "every_amount" && (
                    <>
                      <Form.Item name={[rule.name, "stepFen"]} label={t("div.bonus.step")}>
                        <MoneyInput style={{ width: 120 }} />
                      </Form.Item>
                      <Form.Item name={[rule.name, "bonusFen"]} label={t("div.bonus.bonus")}>
                        <MoneyInput style={{ width: 120 }} />
                      </Form.Item>
                    </>
                  )}
                  {kind === "rate_top_up" && (
                    <Form.Item name={[rule.name, "baseRateBps"]} label={t("div.bonus.baseRate")}>
                      <PercentInput style={{ width: 100 }} />
                    </Form.Item>
                  )}
                  {kind === "in_kind" && (
                    <>
                      <Form.Item name={[rule.name, "minReferredBuyers"]} label={t("div.bonus.referred")}>
                        <InputNumber min={1} precision={0} />
                      </Form.Item>
                      <Form.Item name={[rule.name, "skuId"]} label={t("div.bonus.skuId")}>
                        <InputNumber min={1} precision={0} />
                      </Form.Item>
                      <Form.Item
                        name={[rule.name, "couponTemplateId"]}
                        label={t("div.prize.couponTemplateId")}
                      >
                        <InputNumber min={1} precision={0} />
                      </Form.Item>
                      <Form.Item name={[rule.name, "prizeLabel"]} label={t("div.bonus.prize")}>
                        <Input style={{ width: 160 }} />
                      </Form.Item>
                    </>
                  )}
                  <Button onClick={() => remove(rule.name)}>{t("common.delete")}</Button>
                </Space>
                {(kind === "units_tier" || kind === "rate_top_up") && (
                  <Form.List name={[rule.name, "tiers"]}>
                    {(tiers, tierOps) => (
                      <Space wrap align="end">
                        {tiers.map((tier) => (
                          <Space key={tier.key} align="end">
                            {kind === "units_tier" ? (
                              <>
                                <Form.Item name={[tier.name, "minUnits"]} label={t("div.bonus.minUnits")}>
                                  <InputNumber min={1} precision={0} />
                                </Form.Item>
                                <Form.Item name={[tier.name, "bonusFen"]} label={t("div.bonus.bonus")}>
                                  <MoneyInput style={{ width: 110 }} />
                                </Form.Item>
                              </>
                            ) : (
                              <>
                                <Form.Item name={[tier.name, "minFen"]} label={t("div.bonus.minAmount")}>
                                  <MoneyInput style={{ width: 120 }} />
                                </Form.Item>
                                <Form.Item name={[tier.name, "rateBps"]} label={t("div.team.rate")}>
                                  <PercentInput style={{ width: 90 }} />
                                </Form.Item>
                              </>
                            )}
                            <Button onClick={() => tierOps.remove(tier.name)}>−</Button>
                          </Space>
                        ))}
                        <Button
                          onClick={() =>
                            tierOps.add(
                              kind === "units_tier"
                                ? { minUnits: 1, bonusFen: 0 }
                                : { minFen: 0, rateBps: 0 },
                            )
                          }
                        >
                          {t("div.team.addTier")}
                        </Button>
                      </Space>
                    )}
                  </Form.List>
                )}
              </Card>
            );
          })}
          <Space wrap>
            <Button onClick={() => add({ kind: "units_tier", tiers: [{ minUnits: 20, bonusFen: 30_000 }] })}>
              + {t("div.bonus.units_tier")}
            </Button>
            <Button onClick={() => add({ kind: "every_amount", stepFen: 200_000, bonusFen: 10_000 })}>
              + {t("div.bonus.every_amount")}
            </Button>
            <Button
              onClick={() =>
                add({
                  kind: "rate_top_up",
                  baseRateBps: 1000,
                  tiers: [
                    { minFen: 500_000, rateBps: 1200 },
                    { minFen: 2_000_000, rateBps: 1500 },
                  ],
                })
              }
            >
              + {t("div.bonus.rate_top_up")}
            </Button>
            <Button
              onClick={() => add({ kind: "in_kind", minReferredBuyers: 2, skuId: null, prizeLabel: "" })}
            >
              + {t("div.bonus.in_kind")}
            </Button>
          </Space>
        </>
      )}
    </Form.List>
  );
}
