// One address as a shopper reads it: recipient and phone, region and street, the default tag.
import { Tag } from "antd-mobile";
import { useI18n } from "../i18n/index.tsx";

type Shown = { name: string; phone: string; regionText: string; detail: string; isDefault?: boolean };

export function AddressCard({ address }: { address: Shown }) {
  const { t } = useI18n();
  return (
    <div className="address-card">
      <div className="address-who">
        <span>{address.name}</span>
        <span>{address.phone}</span>
        {address.isDefault && (
          <Tag color="danger" fill="outline">
            {t("address.defaultTag")}
          </Tag>
        )}
      </div>
      <div className="address-where">
        {address.regionText} {address.detail}
      </div>
    </div>
  );
}
