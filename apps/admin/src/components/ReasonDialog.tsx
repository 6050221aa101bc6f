// Asks for the reason a staff decision needs (reject, freeze, cancel a held commission…), then runs it.
import { Input, Modal } from "antd";
import { useState } from "react";
import { useI18n } from "../i18n/index.tsx";

type Props = {
  open: boolean;
  title: string;
  /** Whether an empty reason is accepted. */
  optional?: boolean;
  /** What the decision does (e.g. where the money goes), shown above the reason. */
  description?: string | undefined;
  onCancel: () => void;
  onSubmit: (reason: string) => Promise<void>;
};

export function ReasonDialog({ open, title, optional, description, onCancel, onSubmit }: Props) {
  const { t } = useI18n();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={open}
      title={title}
      destroyOnHidden
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={{ "data-testid": "reason-submit", disabled: !optional && !reason.trim() }}
      onOk={async () => {
        setBusy(true);
        try {
          await onSubmit(reason.trim());
          setReason("");
        } finally {
          setBusy(false);
        }
      }}
    >
      {description && <p data-testid="reason-description">{description}</p>}
      <Input.TextArea
        data-testid="reason-input"
        rows={3}
        maxLength={200}
        placeholder={optional ? t("common.reasonOptional") : t("common.reasonRequired")}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
    </Modal>
  );
}
