// Create or edit a shipping address: recipient, phone, province / city / district, street, default.
import { Button, Form, Input, Switch, TextArea, Toast } from "antd-mobile";
import { useEffect, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { PageBar } from "../components/PageBar.tsx";
import { type RegionCodes, RegionPicker, regionText, useRegionOptions } from "../components/RegionPicker.tsx";
import { useI18n } from "../i18n/index.tsx";
import { api, call } from "../lib/api.ts";
import { useFail } from "../lib/use-fail.ts";

type Fields = { name: string; phone: string; detail: string; isDefault: boolean };

export function AddressEditPage() {
  const { t } = useI18n();
  const fail = useFail();
  const navigate = useNavigate();
  const id = Number(useParams().id) || null;
  const [form] = Form.useForm<Fields>();
  const options = useRegionOptions();
  const [region, setRegion] = useState<string[]>([]);
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!id) return;
    call(api.GET("/api/v1/addresses")).then((all) => {
      const address = all.find((a) => a.id === id);
      if (!address) return;
      form.setFieldsValue(address);
      setRegion([address.provinceCode, address.cityCode, address.districtCode]);
    }, fail);
  }, [id, form, fail]);

  const save = async (fields: Fields) => {
    const [provinceCode, cityCode, districtCode] = region;
    if (!provinceCode || !cityCode || !districtCode) {
      Toast.show(t("address.required"));
      return;
    }
    const body = { ...fields, isDefault: Boolean(fields.isDefault), provinceCode, cityCode, districtCode };
    setBusy(true);
    try {
      if (id) await call(api.PUT("/api/v1/addresses/{id}", { params: { path: { id } }, body }));
      else await call(api.POST("/api/v1/addresses", { body }));
      navigate(-1);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <PageBar title={id ? t("address.editTitle") : t("address.add")} />
      <Form
        form={form}
        layout="horizontal"
        onFinish={save}
        data-testid="address-form"
        footer={
          <Button block type="submit" color="primary" size="large" loading={busy} data-testid="address-save">
            {t("common.save")}
          </Button>
        }
      >
        <Form.Item name="name" label={t("address.name")} rules={[{ required: true, max: 20 }]}>
          <Input maxLength={20} clearable data-testid="address-name" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t("address.phone")}
          rules={[
            { required: true, pattern: /^(1\d{10}|0\d{2,3}-?\d{7,8})$/, message: t("auth.phoneInvalid") },
          ]}
        >
          <Input type="tel" maxLength={13} clearable data-testid="address-phone" />
        </Form.Item>
        <Form.Item
          label={t("address.region")}
          required
          onClick={() => setPicking(true)}
          arrowIcon
          data-testid="address-region"
        >
          <span className={region.length ? "" : "muted"}>
            {region.length ? regionText(options, region) : t("address.regionPlaceholder")}
          </span>
        </Form.Item>
        <Form.Item name="detail" label={t("address.detail")} rules={[{ required: true, min: 2, max: 120 }]}>
          <TextArea
            placeholder={t("address.detailPlaceholder")}
            maxLength={120}
            autoSize
            data-testid="address-detail"
          />
        </Form.Item>
        <Form.Item
          name="isDefault"
          label={t("address.default")}
          valuePropName="checked"
          childElementPosition="right"
        >
          <Switch data-testid="address-default" />
        </Form.Item>
      </Form>
      <RegionPicker
        visible={picking}
        value={region}
        options={options}
        onClose={() => setPicking(false)}
        onConfirm={(codes: RegionCodes) => setRegion(codes)}
      />
    </div>
  );
}
