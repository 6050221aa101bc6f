// The address book: every address with edit and delete, and "add address".
import { Button, Dialog, ErrorBlock, List } from "antd-mobile";
import { useCallback, useEffect, useState } from "react";
import { useNavigate } from "react-router-dom";
import { AddressCard } from "../components/AddressCard.tsx";
import { PageBar } from "../components/PageBar.tsx";
import { useI18n } from "../i18n/index.tsx";
import { api, call } from "../lib/api.ts";
import type { Address } from "../lib/types.ts";
import { useFail } from "../lib/use-fail.ts";

export function AddressesPage() {
  const { t } = useI18n();
  const fail = useFail();
  const navigate = useNavigate();
  const [addresses, setAddresses] = useState<Address[] | null>(null);

  const load = useCallback(() => call(api.GET("/api/v1/addresses")).then(setAddresses, fail), [fail]);
  useEffect(() => {
    load();
  }, [load]);

  const remove = async (address: Address) => {
    if (!(await Dialog.confirm({ content: t("address.deleteConfirm") }))) return;
    await call(api.DELETE("/api/v1/addresses/{id}", { params: { path: { id: address.id } } })).then(
      load,
      fail,
    );
  };

  return (
    <div className="page">
      <PageBar title={t("address.title")} />
      {addresses?.length === 0 && <ErrorBlock status="empty" title={t("address.empty")} description="" />}
      {addresses && addresses.length > 0 && (
        <List className="card address-list">
          {addresses.map((a) => (
            <List.Item
              key={a.id}
              data-testid="address-row"
              extra={
                <span className="address-actions">
                  <Button size="mini" fill="none" onClick={() => navigate(`/addresses/${a.id}/edit`)}>
                    {t("common.edit")}
                  </Button>
                  <Button size="mini" fill="none" color="danger" onClick={() => remove(a)}>
                    {t("common.delete")}
                  </Button>
                </span>
              }
            >
              <AddressCard address={a} />
            </List.Item>
          ))}
        </List>
      )}
      <div className="action-bar">
        <Button
          block
          color="danger"
          shape="rounded"
          onClick={() => navigate("/addresses/new")}
          data-testid="address-add"
        >
          {t("address.add")}
        </Button>
      </div>
    </div>
  );
}
