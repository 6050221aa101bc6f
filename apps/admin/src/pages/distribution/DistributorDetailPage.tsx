// 分销员详情: wallet, upline, team by level, status history and ledger entries; freeze, unfreeze, remove, reassign.
import {
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
} from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { MaskedPhone } from "../../components/MaskedPhone.tsx";
import { ReasonDialog } from "../../components/ReasonDialog.tsx";
import { isMessageKey, useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useAuth } from "../../lib/auth.tsx";
import { formatFen } from "../../lib/money.ts";
import { formatTime } from "../../lib/time.ts";
import { useNotify } from "../../lib/use-notify.ts";
import { distributorStatusColor } from "./DistributorListPage.tsx";
import type { DistributorDetail, StatementEntry } from "./types.ts";

type Action = "freeze" | "unfreeze" | "remove";

export function DistributorDetailPage() {
  const userId = Number(useParams().id);
  const { t, label } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const [detail, setDetail] = useState<DistributorDetail | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [reassigning, setReassigning] = useState(false);
  const [form] = Form.useForm<{ uplineUserId: number; reason: string }>();
  const path = { params: { path: { id: userId } } };

  const reload = useCallback(() => {
    call(api.GET("/api/admin/v1/distribution/distributors/{id}", { params: { path: { id: userId } } }))
      .then(setDetail)
      .catch(failed);
  }, [userId, failed]);
  useEffect(reload, [reload]);

  async function changeStatus(reason: string) {
    if (!action) return;
    try {
      await call(
        api.POST("/api/admin/v1/distribution/distributors/{id}/status", {
          ...path,
          body: { action, reason },
        }),
      );
      done();
      setAction(null);
      reload();
    } catch (error) {
      failed(error);
    }
  }

  async function reassign(body: { uplineUserId: number; reason: string }) {
    try {
      await call(api.POST("/api/admin/v1/distribution/users/{id}/upline", { ...path, body }));
      done();
      setReassigning(false);
      reload();
    } catch (error) {
      failed(error);
    }
  }

  if (!detail) return <Skeleton active />;
  const d = detail.distributor;
  const manage = can("distribution.manage");
  // a status (active / frozen / removed) or, for "joined", the way the distributor qualified
  const historyValue = (v: string | null) =>
    v === null ? "" : label(`distributorStatus.${v}`, label(`grantedVia.${v}`, v));
  const accountLabel = (account: string) => {
    const key = `ledgerAccount.${account.split(":")[0]}`;
    return isMessageKey(key) ? t(key) : account;
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card
        title={
          <Space>
            {`${t("distributor.detail")} · ${detail.profile?.nickname ?? `#${d.userId}`}`}
            <MaskedPhone masked={detail.profile?.phone ?? null} subject="user" id={d.userId} secondary />
          </Space>
        }
        extra={
          manage && (
            <Space>
              {d.status === "active" && (
                <Button data-testid="distributor-freeze" onClick={() => setAction("freeze")}>
                  {t("distributor.freeze")}
                </Button>
              )}
              {d.status === "frozen" && (
                <Button data-testid="distributor-unfreeze" onClick={() => setAction("unfreeze")}>
                  {t("distributor.unfreeze")}
                </Button>
              )}
              {d.status !== "removed" && (
                <Button danger data-testid="distributor-remove" onClick={() => setAction("remove")}>
                  {t("distributor.remove")}
                </Button>
              )}
              <Button data-testid="distributor-reassign" onClick={() => setReassigning(true)}>
                {t("distributor.reassign")}
              </Button>
            </Space>
          )
        }
      >
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t("order.status")}>
            <Tag data-testid="distributor-status" color={distributorStatusColor[d.status]}>
              {t(`distributorStatus.${d.status}`)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t("distributor.inviteCode")}>
            <code>{d.inviteCode}</code>
          </Descriptions.Item>
          <Descriptions.Item label={t("distributor.joinedAt")}>{formatTime(d.joinedAt)}</Descriptions.Item>
          <Descriptions.Item label={t("distributor.grantedVia")}>
            {label(`grantedVia.${d.grantedVia}`, d.grantedVia)}
          </Descriptions.Item>
          <Descriptions.Item label={t("distributor.upline")} span={3}>
            {detail.upline.length === 0
              ? "—"
              : detail.uplineProfiles.map((p, i) => (
                  <Tag key={p.userId}>
                    {t("dist.levelN", { n: i + 1 })}:{" "}
                    <Link to={`/distribution/distributors/${p.userId}`}>{p.nickname ?? `#${p.userId}`}</Link>
                  </Tag>
                ))}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={16}>
        {(["frozenFen", "availableFen", "withdrawingFen"] as const).map((k) => (
          <Col span={8} key={k}>
            <Card>
              <Statistic title={t(`wallet.${k}`)} value={formatFen(detail.wallet[k])} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card title={t("distributor.team")}>
        <Table
          size="small"
          rowKey="level"
          pagination={false}
          dataSource={detail.team}
          columns={[
            { title: t("sim.level"), dataIndex: "level", render: (n: number) => t("dist.levelN", { n }) },
            { title: t("distributor.members"), dataIndex: "members" },
            { title: t("distributor.sales"), dataIndex: "salesFen", render: formatFen },
          ]}
        />
      </Card>
      <Card title={t("distributor.downline")} data-testid="distributor-downline">
        {detail.downline.length === 0 ? (
          t("distributor.noDownline")
        ) : (
          <Tabs
            items={detail.downline.map((level) => ({
              key: String(level.level),
              label: `${t("dist.levelN", { n: level.level })} (${detail.team.find((x) => x.level === level.level)?.members ?? level.members.length})`,
              children: (
                <Table
                  size="small"
                  rowKey="userId"
                  pagination={false}
                  dataSource={level.members}
                  columns={[
                    { title: t("distributor.nickname"), dataIndex: "nickname" },
                    { title: t("distributor.boundAt"), dataIndex: "boundAt", render: formatTime },
                  ]}
                />
              ),
            }))}
          />
        )}
      </Card>
      <Card title={t("distributor.ledger")}>
        <Table<StatementEntry>
          size="small"
          rowKey={(e) => `${e.account}-${e.entryId}`}
          pagination={{ pageSize: 20 }}
          dataSource={[...detail.ledger].sort((a, b) => b.entryId - a.entryId)}
          columns={[
            { title: t("audit.at"), dataIndex: "createdAt", render: formatTime },
            { title: t("distributor.account"), dataIndex: "account", render: accountLabel },
            {
              title: t("distributor.kind"),
              dataIndex: "kind",
              render: (k: string) => label(`ledgerKind.${k}`, k),
            },
            // Distributor accounts are liabilities: a negative entry is money owed to them, shown as +.
            { title: t("distributor.change"), dataIndex: "amountFen", render: (f: number) => formatFen(-f) },
            {
              // the order and level, or the withdrawal, in words; the raw key stays in the tooltip
              title: t("distributor.about"),
              dataIndex: "key",
              render: (k: string, e: StatementEntry) => (
                <span title={k}>
                  {e.orderNo && e.orderId ? (
                    <Link to={`/orders/${e.orderId}`}>{t("ledger.order", { no: e.orderNo })}</Link>
                  ) : e.withdrawalId ? (
                    t("ledger.withdrawal", { id: e.withdrawalId })
                  ) : (
                    "—"
                  )}
                  {e.level ? ` · ${t("dist.levelN", { n: e.level })}` : ""}
                </span>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t("distributor.history")}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={detail.history}
          columns={[
            { title: t("audit.at"), dataIndex: "at", render: formatTime },
            {
              title: t("audit.action"),
              dataIndex: "action",
              render: (a: string) => label(`distributorAction.${a}`, a),
            },
            { title: t("audit.before"), dataIndex: "fromValue", render: historyValue },
            { title: t("audit.after"), dataIndex: "toValue", render: historyValue },
            { title: t("common.reason"), dataIndex: "reason" },
          ]}
        />
      </Card>
      <ReasonDialog
        open={action !== null}
        title={action ? t(`distributor.${action}`) : ""}
        onCancel={() => setAction(null)}
        onSubmit={changeStatus}
      />
      <Modal
        open={reassigning}
        title={t("distributor.reassign")}
        onCancel={() => setReassigning(false)}
        onOk={() => form.submit()}
        okButtonProps={{ "data-testid": "reassign-submit" }}
      >
        <Form form={form} layout="vertical" onFinish={reassign}>
          <Form.Item name="uplineUserId" label={t("distributor.newUpline")} rules={[{ required: true }]}>
            <InputNumber data-testid="reassign-upline" min={1} precision={0} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="reason" label={t("common.reason")} rules={[{ required: true, max: 200 }]}>
            <Input data-testid="reassign-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
