// The payment methods a shopper can choose at checkout or when paying an unpaid order: only those enabled.
import { List, Radio } from "antd-mobile";
import { useI18n } from "../i18n/index.tsx";
import type { PayProvider } from "../lib/payment.ts";

type Props = { methods: PayProvider[] | null; value: PayProvider | null; onChange: (p: PayProvider) => void };

export function PayMethods({ methods, value, onChange }: Props) {
  const { t } = useI18n();
  return (
    <Radio.Group value={value} onChange={(v) => onChange(v as PayProvider)}>
      <List className="card checkout-amounts pay-methods" header={t("pay.method")} data-testid="pay-methods">
        {methods?.length === 0 && <List.Item>{t("pay.noMethods")}</List.Item>}
        {methods?.map((p) => (
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
