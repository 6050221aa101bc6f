// The checkout's address sheet: pick one of the shopper's addresses, edit one, or add a new one.
import { Button, Popup } from "antd-mobile";
import { useNavigate } from "react-router-dom";
import { useI18n } from "../i18n/index.tsx";
import type { Address } from "../lib/types.ts";
import { AddressCard } from "./AddressCard.tsx";

type Props = {
  visible: boolean;
  addresses: Address[];
  chosenId: number | null;
  onChoose: (id: number) => void;
  onClose: () => void;
};

export function AddressChooser({ visible, addresses, chosenId, onChoose, onClose }: Props) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Popup visible={visible} onMaskClick={onClose} bodyClassName="sku-popup">
      <div className="address-choice" data-testid="address-chooser">
        <div className="card-head">{t("checkout.chooseAddress")}</div>
        {addresses.map((a) => (
          <div key={a.id} className="address-choice-item">
            <button
              type="button"
              className={`plain-button${a.id === chosenId ? " chosen" : ""}`}
              onClick={() => onChoose(a.id)}
              data-testid="address-choice"
            >
              <AddressCard address={a} />
            </button>
            <Button size="mini" fill="none" onClick={() => navigate(`/addresses/${a.id}/edit`)}>
              {t("common.edit")}
            </Button>
          </div>
        ))}
        <Button
          block
          color="danger"
          shape="rounded"
          className="mt"
          onClick={() => navigate("/addresses/new")}
          data-testid="address-add"
        >
          {t("address.add")}
        </Button>
      </div>
    </Popup>
  );
}
