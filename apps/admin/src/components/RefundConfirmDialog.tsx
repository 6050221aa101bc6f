// Asks before any after-sale move that can pay money back: shows the amount (staff may lower it, with a
// reason), where the money goes, what happens to each commission and which units go back to stock — all
// from the server's refund preview, which uses the same rules the refund will apply.
import { Alert, Checkbox, Descriptions, Input, List, Modal, Skeleton, Space, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "../i18n/index.tsx";
import { api, call } from "../lib/api.ts";
import { useAuth } from "../lib/auth.tsx";
import { formatFen } from "../lib/money.ts";
import { useNotify } from "../lib/use-notify.ts";
import { MoneyInput } from "./MoneyInput.tsx";

export type RefundAction = "approve" | "confirm-return" | "refund" | "retry";
export type RefundTarget = { id: number; action: RefundAction };
type Preview = Awaited<ReturnType<typeof loadPreview>>;
type MoveResult = {
  afterSale: { status: string };
  refund: { provider: string } | null;
};

function loadPreview(id: number, refundFen: number | undefined) {
  return call(
    api.GET("/api/admin/v1/after-sales/{id}/refund-preview", {
      params: { path: { id }, query: refundFen === undefined ? {} : { refundFen } },
    }),
  );
}

type Props = { target: RefundTarget | null; onClose: () => void; onDone: () => void };

export function RefundConfirmDialog({ target, ...rest }: Props) {
  // A fresh dialog (and fresh amount, reason, restock choice) for every after-sale and action.
  return target ? <Confirm key={`${target.id}:${target.action}`} target={target} {...rest} /> : null;
}

function Confirm({ target, onClose, onDone }: Props & { target: RefundTarget }) {
  const { t, label } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const [preview, setPreview] = useState<Preview | null>(null);
  // undefined: untouched (the most this after-sale may refund); null: the field was cleared.
  const [amount, setAmount] = useState<number | null | undefined>(undefined);
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  const [restock, setRestock] = useState(true);
  const [busy, setBusy] = useState(false);
  const asked = useRef(0);

  const max = preview?.maxFen;
  const wanted = amount === undefined || amount === null || amount === max ? undefined : amount;
  useEffect(() => {
    // Only the newest answer counts: an older, slower preview must not overwrite a newer amount's.
    const mine = ++asked.current;
    const valid = wanted === undefined || (max !== undefined && wanted >= 0 && wanted <= max);
    if (!valid) return;
    loadPreview(target.id, wanted)
      .then((p) => {
        if (mine === asked.current) setPreview(p);
      })
      .catch(failed);
  }, [target, wanted, max, failed]);

  const editable = target.action !== "retry";
  const lowered = wanted !== undefined;
  const tooMuch = max !== undefined && amount != null && amount > max;
  const refundsNow = can("refund.execute") || target.action === "refund" || target.action === "retry";
  const submitDisabled = !preview || amount === null || tooMuch || (lowered && !reason.trim());

  async function submit() {
    if (!preview) return;
    const adjust = lowered ? { refundFen: wanted, refundReason: reason.trim() } : {};
    const params = { params: { path: { id: target.id } } };
    setBusy(true);
    try {
      let result: MoveResult;
      if (target.action === "approve") {
        result = await call(
          api.POST("/api/admin/v1/after-sales/{id}/approve", {
            ...params,
            body: { note: note.trim() || null, ...adjust },
          }),
        );
      } else if (target.action === "confirm-return") {
        result = await call(
          api.POST("/api/admin/v1/after-sales/{id}/confirm-return", {
            ...params,
            body: { restock, ...adjust },
          }),
        );
      } else if (target.action === "refund") {
        result = await call(api.POST("/api/admin/v1/after-sales/{id}/refund", { ...params, body: adjust }));
      } else {
        result = await call(api.POST("/api/admin/v1/after-sales/{id}/retry-refund", params));
      }
      if (result.refund?.provider === "sandbox_immediate") done("afterSale.sandboxRefunded");
      else if (result.refund === null) done("refund.queued");
      else done("refund.started");
      onDone();
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  }

  const okText = refundsNow
    ? t("refund.confirmButton", { amount: formatFen(preview?.refundFen ?? 0) })
    : t("refund.submitToFinance");
  return (
    <Modal
      open
      width={640}
      title={t(`refund.title.${target.action}`)}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={okText}
      okButtonProps={{ "data-testid": "refund-confirm-submit", disabled: submitDisabled }}
    >
      {!preview ? (
        <Skeleton active />
      ) : (
        <Space direction="vertical" style={{ width: "100%" }} data-testid="refund-confirm">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t("afterSale.order")}>{preview.orderNo}</Descriptions.Item>
            <Descriptions.Item label={t("refund.amount")}>
              <Typography.Text strong data-testid="refund-confirm-amount">
                {formatFen(preview.refundFen)}
              </Typography.Text>
              {preview.freightRefundFen > 0 && (
                <span> {t("refund.includesFreight", { amount: formatFen(preview.freightRefundFen) })}</span>
              )}
              {preview.refundFen !== preview.maxFen && (
                <span> {t("refund.ofMax", { amount: formatFen(preview.maxFen) })}</span>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t("refund.destination")}>
              <span data-testid="refund-confirm-destination">
                {label(`refund.to.${preview.destination.provider}`, preview.destination.provider)}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t("refund.commissions")}>
              {preview.commissions.length === 0 ? (
                t("refund.noCommissions")
              ) : (
                <List
                  size="small"
                  dataSource={preview.commissions}
                  renderItem={(c) => (
                    <List.Item data-testid={`refund-commission-${c.commissionId}`}>
                      {t(`refund.commission.${c.outcome}`, {
                        who: c.earnerNickname ?? `#${c.earnerUserId}`,
                        level: c.level,
                        amount: formatFen(c.amountFen),
                        takeBack: formatFen(c.takeBackFen),
                      })}
                    </List.Item>
                  )}
                />
              )}
            </Descriptions.Item>
          </Descriptions>
          {editable && (
            <Space direction="vertical" style={{ width: "100%" }}>
              <span>{t("refund.amountLabel", { amount: formatFen(preview.maxFen) })}</span>
              <MoneyInput
                data-testid="refund-confirm-amount-input"
                value={amount === undefined ? preview.maxFen : amount}
                onChange={setAmount}
                style={{ width: 180 }}
              />
              {tooMuch && <Typography.Text type="danger">{t("refund.tooMuch")}</Typography.Text>}
              {lowered && (
                <Input.TextArea
                  data-testid="refund-confirm-reason"
                  rows={2}
                  maxLength={200}
                  status={reason.trim() ? undefined : "error"}
                  placeholder={t("refund.reasonRequired")}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
              )}
            </Space>
          )}
          {target.action === "confirm-return" && (
            <Checkbox
              data-testid="refund-confirm-restock"
              checked={restock}
              onChange={(e) => setRestock(e.target.checked)}
            >
              {t("refund.restock", {
                items: preview.restock.map((i) => `${i.title} ${i.skuLabel} ×${i.quantity}`).join("；"),
              })}
            </Checkbox>
          )}
          {target.action === "approve" && (
            <Input.TextArea
              data-testid="after-sale-note"
              rows={2}
              maxLength={200}
              placeholder={t("afterSale.approveNote")}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          )}
          {!refundsNow && <Alert type="info" showIcon message={t("refund.goesToFinance")} />}
        </Space>
      )}
    </Modal>
  );
}
