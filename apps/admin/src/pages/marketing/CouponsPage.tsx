// 优惠券: the merchant's coupon templates with what they give, their validity, how many were handed out of how
// many and how many were used; staff with marketing.write create them, issue them to chosen shoppers (found by
// nickname or phone) and stop them.
import { Button, Card, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useI18n } from "../../i18n/index.tsx";
import { useAuth } from "../../lib/auth.tsx";
import { formatTime } from "../../lib/time.ts";
import { useNotify } from "../../lib/use-notify.ts";
import { CouponEditor } from "./CouponEditor.tsx";
import { type CouponTemplate, marketingApi } from "./marketing-api.ts";

function IssueDialog({ template, onClose }: { template: CouponTemplate; onClose: () => void }) {
  const { t } = useI18n();
  const { failed } = useNotify();
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const [chosen, setChosen] = useState<number[]>([]);
  const [result, setResult] = useState<{
    issued: number;
    refused: { userId: number; code: string }[];
  } | null>(null);
  const [busy, setBusy] = useState(false);

  const search = (q: string) => {
    if (q.trim().length < 2) return;
    marketingApi
      .customers(q.trim())
      .then(
        (page) =>
          setOptions(
            page.items.map((c) => ({ value: c.id, label: `${c.nickname} · ${c.phone ?? `#${c.id}`}` })),
          ),
        failed,
      );
  };
  const issue = async () => {
    setBusy(true);
    try {
      setResult(await marketingApi.issueCoupons(template.id, chosen));
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t("coupon.issueTitle", { name: template.name })}
      onCancel={onClose}
      onOk={result ? onClose : issue}
      okText={result ? t("common.close") : t("coupon.issue")}
      okButtonProps={{ loading: busy, disabled: !result && chosen.length === 0 }}
    >
      {result ? (
        <div data-testid="coupon-issue-result">
          <p>{t("coupon.issued", { n: result.issued })}</p>
          {result.refused.map((r) => (
            <Typography.Text key={r.userId} type="danger" style={{ display: "block" }}>
              #{r.userId}: {t(`error.${r.code}` as never)}
            </Typography.Text>
          ))}
        </div>
      ) : (
        <Select
          mode="multiple"
          style={{ width: "100%" }}
          placeholder={t("coupon.searchShopper")}
          filterOption={false}
          showSearch
          onSearch={search}
          value={chosen}
          onChange={setChosen}
          options={options}
        />
      )}
    </Modal>
  );
}

export function CouponsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const [list, setList] = useState<CouponTemplate[] | null>(null);
  const [creating, setCreating] = useState(false);
  const [issuing, setIssuing] = useState<CouponTemplate | null>(null);

  const reload = useCallback(() => {
    marketingApi.coupons().then(setList, failed);
  }, [failed]);
  useEffect(reload, [reload]);
  const writable = can("marketing.write");

  const stop = async (c: CouponTemplate) => {
    try {
      await marketingApi.stopCoupon(c.id);
      done();
      reload();
    } catch (error) {
      failed(error);
    }
  };

  return (
    <Card
      title={t("nav.coupons")}
      extra={
        writable && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="coupon-create">
            {t("coupon.create")}
          </Button>
        )
      }
    >
      <Table<CouponTemplate>
        rowKey="id"
        pagination={false}
        loading={list === null}
        dataSource={list ?? []}
        columns={[
          { title: t("coupon.name"), dataIndex: "name" },
          {
            title: t("coupon.kind"),
            dataIndex: "kind",
            render: (k: string) => <Tag>{t(`coupon.kind.${k}` as never)}</Tag>,
          },
          { title: t("coupon.summary"), dataIndex: "summary" },
          {
            title: t("coupon.validity"),
            key: "validity",
            render: (_, c) =>
              c.validDays !== null
                ? t("coupon.validDaysText", { n: c.validDays })
                : `${formatTime(c.validFrom)} ~ ${formatTime(c.validTo)}`,
          },
          {
            title: t("coupon.handedOut"),
            key: "issued",
            render: (_, c) => `${c.issuedCount} / ${c.totalQuantity}`,
          },
          { title: t("coupon.used"), dataIndex: "usedCount" },
          { title: t("coupon.perPerson"), dataIndex: "perPersonLimit" },
          {
            title: t("coupon.claimable"),
            dataIndex: "claimable",
            render: (b: boolean) => (b ? t("coupon.inCentre") : t("coupon.staffOnly")),
          },
          {
            title: t("promo.state"),
            dataIndex: "status",
            render: (s: CouponTemplate["status"]) =>
              s === "active" ? (
                <Tag color="green">{t("coupon.active")}</Tag>
              ) : (
                <Tag color="red">{t("promo.state.stopped")}</Tag>
              ),
          },
          {
            title: "",
            key: "actions",
            render: (_, c) =>
              writable &&
              c.status === "active" && (
                <Space>
                  <Button size="small" onClick={() => setIssuing(c)} data-testid="coupon-issue">
                    {t("coupon.issue")}
                  </Button>
                  <Popconfirm title={t("coupon.stopConfirm")} onConfirm={() => stop(c)}>
                    <Button size="small" danger>
                      {t("promo.stop")}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
      {creating && (
        <CouponEditor
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            reload();
          }}
        />
      )}
      {issuing && (
        <IssueDialog
          template={issuing}
          onClose={() => {
            setIssuing(null);
            reload();
          }}
        />
      )}
    </Card>
  );
}
