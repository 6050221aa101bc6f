// 提现审核: withdrawal requests by status; finance approves (the payout adapter pays) or rejects with a reason.
// Real names and accounts arrive masked; the full values never reach the console.
import { Button, Card, Popconfirm, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { Link } from "react-router-dom";
import { LoadMore } from "../../components/LoadMore.tsx";
import { ReasonDialog } from "../../components/ReasonDialog.tsx";
import { rowTestId } from "../../components/test-ids.ts";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useAuth } from "../../lib/auth.tsx";
import { formatFen } from "../../lib/money.ts";
import { formatTime } from "../../lib/time.ts";
import { useCursorList } from "../../lib/use-cursor-list.ts";
import { useNotify } from "../../lib/use-notify.ts";
import { type Withdrawal, type WithdrawalStatus, withdrawalStatuses } from "./types.ts";

const statusColor: Record<WithdrawalStatus, string> = {
  requested: "gold",
  approved: "blue",
  paying: "processing",
  paid: "green",
  failed: "red",
  rejected: "default",
};

export function WithdrawalsPage() {
  const { t, label } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const [status, setStatus] = useState<WithdrawalStatus | undefined>("requested");
  const [rejecting, setRejecting] = useState<Withdrawal | null>(null);
  const list = useCursorList<Withdrawal, number>(
    (cursor) =>
      call(
        api.GET("/api/admin/v1/distribution/withdrawals", {
          params: { query: { cursor, limit: 20, status } },
        }),
      ),
    JSON.stringify([status]),
    failed,
  );
  const path = (id: number) => ({ params: { path: { id } } });

  async function approve(id: number) {
    try {
      const result = await call(api.POST("/api/admin/v1/distribution/withdrawals/{id}/approve", path(id)));
      if (result.status === "failed")
        failed(new Error(`${t("withdrawal.payoutFailed")} ${result.failureReason ?? ""}`));
      else done("withdrawal.approved");
      list.reload();
    } catch (error) {
      failed(error);
    }
  }

  async function reject(reason: string) {
    if (rejecting === null) return;
    try {
      await call(
        api.POST("/api/admin/v1/distribution/withdrawals/{id}/reject", {
          ...path(rejecting.id),
          body: { reason },
        }),
      );
      done();
      setRejecting(null);
      list.reload();
    } catch (error) {
      failed(error);
    }
  }

  const approver = can("withdrawals.approve");
  return (
    <Card title={t("withdrawal.title")}>
      <div className="page-toolbar">
        <Select<WithdrawalStatus>
          data-testid="withdrawal-filter-status"
          allowClear
          placeholder={t("order.status")}
          style={{ width: 160 }}
          value={status}
          onChange={setStatus}
          options={withdrawalStatuses.map((s) => ({ value: s, label: t(`withdrawalStatus.${s}`) }))}
        />
      </div>
      <Table<Withdrawal>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        onRow={(row) => rowTestId("withdrawal-row", row.id)}
        columns={[
          { title: "#", dataIndex: "id", width: 60 },
          {
            title: t("dist.userId"),
            key: "user",
            render: (_, w) => (
              <Link to={`/distribution/distributors/${w.userId}`}>
                {w.nickname ? `${w.nickname} #${w.userId}` : `#${w.userId}`}
              </Link>
            ),
          },
          {
            title: t("withdrawal.method"),
            dataIndex: "method",
            render: (m: string) => label(`method.${m}`, m),
          },
          {
            title: t("withdrawal.payee"),
            key: "payee",
            render: (_, w) => `${w.realNameMasked} · ${w.accountMasked}`,
          },
          { title: t("withdrawal.amount"), dataIndex: "amountFen", render: formatFen },
          { title: t("withdrawal.fee"), dataIndex: "feeFen", render: formatFen },
          { title: t("withdrawal.net"), dataIndex: "netFen", render: formatFen },
          {
            title: t("order.status"),
            dataIndex: "status",
            render: (s: WithdrawalStatus, w) => (
              <span>
                <Tag color={statusColor[s]}>{t(`withdrawalStatus.${s}`)}</Tag>
                {(w.rejectReason ?? w.failureReason) && (
                  <div style={{ color: "#888" }}>{w.rejectReason ?? w.failureReason}</div>
                )}
              </span>
            ),
          },
          { title: t("withdrawal.requestedAt"), dataIndex: "requestedAt", render: formatTime },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_, row) =>
              approver &&
              (row.status === "requested" || row.status === "failed") && (
                <Space>
                  <Popconfirm
                    title={t("withdrawal.confirmApprove", { amount: formatFen(row.netFen) })}
                    description={t("withdrawal.confirmApproveDetail", {
                      net: formatFen(row.netFen),
                      amount: formatFen(row.amountFen),
                      fee: formatFen(row.feeFen),
                      method: label(`method.${row.method}`, row.method),
                      payee: `${row.realNameMasked} · ${row.accountMasked}`,
                    })}
                    okButtonProps={{ "data-testid": "withdrawal-approve-confirm" }}
                    onConfirm={() => void approve(row.id)}
                  >
                    <Button size="small" type="primary" data-testid={`withdrawal-approve-${row.id}`}>
                      {row.status === "failed" ? t("withdrawal.retry") : t("afterSale.approve")}
                    </Button>
                  </Popconfirm>
                  <Button
                    size="small"
                    danger
                    data-testid={`withdrawal-reject-${row.id}`}
                    onClick={() => setRejecting(row)}
                  >
                    {t("afterSale.reject")}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
      <ReasonDialog
        open={rejecting !== null}
        title={t("withdrawal.reject")}
        description={
          rejecting ? t("withdrawal.rejectDetail", { amount: formatFen(rejecting.amountFen) }) : undefined
        }
        onCancel={() => setRejecting(null)}
        onSubmit={reject}
      />
    </Card>
  );
}
