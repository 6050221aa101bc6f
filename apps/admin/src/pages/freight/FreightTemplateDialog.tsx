// The freight template form: mode, default rule, per-region rules (provinces or cities) and free-shipping thresholds.
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, Form, Input, InputNumber, Modal, Radio, Space, TreeSelect } from "antd";
import { useEffect, useState } from "react";
import { MoneyInput } from "../../components/MoneyInput.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useNotify } from "../../lib/use-notify.ts";
import { hasInvalidAmount } from "../../lib/yuan-input.ts";

export type FreightRule = {
  firstUnits: number;
  firstFeeFen: number;
  additionalUnits: number;
  additionalFeeFen: number;
};
export type FreightTemplate = {
  id: number;
  name: string;
  mode: "by_piece" | "by_weight";
  defaultRule: FreightRule;
  regionRules: { regionCodes: string[]; rule: FreightRule }[];
  freeOverFen: number | null;
  freeOverPieces: number | null;
};
type Values = Omit<FreightTemplate, "id">;
type RegionNode = { value: string; title: string; children?: RegionNode[] };

const defaultRule: FreightRule = {
  firstUnits: 1,
  firstFeeFen: 1000,
  additionalUnits: 1,
  additionalFeeFen: 500,
};

function RuleFields({ name }: { name: (string | number)[] }) {
  const { t } = useI18n();
  const fen = { required: true, message: t("common.amountRequired") };
  return (
    <Space wrap>
      <Form.Item name={[...name, "firstUnits"]} label={t("freight.firstUnits")} rules={[{ required: true }]}>
        <InputNumber min={0} precision={0} style={{ width: 100 }} />
      </Form.Item>
      <Form.Item name={[...name, "firstFeeFen"]} label={t("freight.firstFee")} rules={[fen]}>
        <MoneyInput style={{ width: 120 }} />
      </Form.Item>
      <Form.Item
        name={[...name, "additionalUnits"]}
        label={t("freight.additionalUnits")}
        rules={[{ required: true }]}
      >
        <InputNumber min={0} precision={0} style={{ width: 100 }} />
      </Form.Item>
      <Form.Item name={[...name, "additionalFeeFen"]} label={t("freight.additionalFee")} rules={[fen]}>
        <MoneyInput style={{ width: 120 }} />
      </Form.Item>
    </Space>
  );
}

type Props = { template: FreightTemplate | null; onClose: () => void; onSaved: () => void };

export function FreightTemplateDialog({ template, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const { failed, done } = useNotify();
  const [form] = Form.useForm<Values>();
  const [regions, setRegions] = useState<RegionNode[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call(api.GET("/api/v1/regions"))
      .then((provinces) =>
        setRegions(
          provinces.map((p) => ({
            value: p.code,
            title: p.name,
            children: p.children.map((c) => ({ value: c.code, title: c.name })),
          })),
        ),
      )
      .catch(failed);
  }, [failed]);

  async function submit(values: Values) {
    if (hasInvalidAmount(values)) return void failed(new Error(t("money.fixFirst")));
    const body = {
      ...values,
      regionRules: values.regionRules ?? [],
      freeOverFen: values.freeOverFen ?? null,
      freeOverPieces: values.freeOverPieces ?? null,
    };
    setBusy(true);
    try {
      if (template) {
        await call(
          api.PUT("/api/admin/v1/freight-templates/{id}", { params: { path: { id: template.id } }, body }),
        );
      } else {
        await call(api.POST("/api/admin/v1/freight-templates", { body }));
      }
      done();
      onSaved();
      onClose();
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      width={860}
      title={template ? t("freight.edit") : t("freight.create")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okButtonProps={{ "data-testid": "freight-save" }}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          template ?? {
            name: "",
            mode: "by_piece",
            defaultRule,
            regionRules: [],
            freeOverFen: null,
            freeOverPieces: null,
          }
        }
      >
        <Form.Item name="name" label={t("freight.name")} rules={[{ required: true, max: 40 }]}>
          <Input data-testid="freight-name" />
        </Form.Item>
        <Form.Item name="mode" label={t("freight.mode")}>
          <Radio.Group
            options={[
              { value: "by_piece", label: t("freight.mode.by_piece") },
              { value: "by_weight", label: t("freight.mode.by_weight") },
            ]}
          />
        </Form.Item>
        <Card size="small" title={t("freight.defaultRule")} style={{ marginBottom: 12 }}>
          <RuleFields name={["defaultRule"]} />
        </Card>
        <Form.List name="regionRules">
          {(fields, { add, remove }) => (
            <Card size="small" title={t("freight.regionRules")} style={{ marginBottom: 12 }}>
              {fields.map((field) => (
                <div key={field.key} style={{ borderBottom: "1px dashed #eee", marginBottom: 8 }}>
                  <Space align="start">
                    <Form.Item
                      name={[field.name, "regionCodes"]}
                      label={t("freight.regions")}
                      rules={[{ required: true }]}
                    >
                      <TreeSelect
                        treeData={regions}
                        treeCheckable
                        showCheckedStrategy={TreeSelect.SHOW_PARENT}
                        style={{ width: 560 }}
                        maxTagCount={8}
                      />
                    </Form.Item>
                    <MinusCircleOutlined style={{ marginTop: 38 }} onClick={() => remove(field.name)} />
                  </Space>
                  <RuleFields name={[field.name, "rule"]} />
                </div>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ regionCodes: [], rule: defaultRule })}>
                {t("freight.addRegionRule")}
              </Button>
            </Card>
          )}
        </Form.List>
        <Space wrap>
          <Form.Item name="freeOverFen" label={t("freight.freeOverFen")}>
            <MoneyInput
              data-testid="freight-free-over"
              style={{ width: 160 }}
              placeholder={t("common.none")}
            />
          </Form.Item>
          <Form.Item name="freeOverPieces" label={t("freight.freeOverPiecesLabel")}>
            <InputNumber min={1} precision={0} placeholder={t("common.none")} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
