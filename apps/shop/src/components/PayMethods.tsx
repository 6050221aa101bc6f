// The payment methods a shopper can choose at checkout or when paying an unpaid order.
import { List, Radio } from "antd-mobile";
import { useI18n } from "../i18n/index.tsx";
import { type PayProvider, payProviders } from "../lib/payment.ts";

export function PayMethods({ value, onChange }: { value: PayProvider; onChange: (p: PayProvider) => void }) {
  const { t } = useI18n();
  return (
    <Radio.Group value={value} onChange={(v) => onChange(v as PayProvider)}>
      <List className="card checkout-amounts" header={t("pay.method")} data-testid="pay-methods">
        {payProviders.map((p) => (
          <List.Item
            key={p}
            onClick={() => onChange(p)}
            extra={<Radio value={p} data-testid={`pay-method-${p}`} />}
            description={p === "sandbox" ? t("pay.sandboxHint") : undefined}
          >
            {t(`pay.provider.${p}`)}
          </List.Item>
        ))}
      </List>
    </Radio.Group>
  );
}
