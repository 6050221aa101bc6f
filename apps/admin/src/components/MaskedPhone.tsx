// A customer's phone as staff lists show it (138****0001). Whoever holds customers.reveal may show one record's
// number in full; the server writes each reveal to the audit log, so the button says so in its tooltip.
import { EyeOutlined } from "@ant-design/icons";
import { Button, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useI18n } from "../i18n/index.tsx";
import { api, call } from "../lib/api.ts";
import { useAuth } from "../lib/auth.tsx";
import { useNotify } from "../lib/use-notify.ts";

type Subject = "user" | "order" | "distributor_application";

export function MaskedPhone(props: {
  masked: string | null;
  subject: Subject;
  id: number;
  /** Which number of the record this is: its own (login, recipient, form) or the customer's login phone. */
  field?: "phone" | "accountPhone";
  secondary?: boolean;
}) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed } = useNotify();
  const [full, setFull] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!props.masked) return null;

  async function reveal() {
    setBusy(true);
    try {
      const result = await call(
        api.POST("/api/admin/v1/personal-data/reveal", { body: { subject: props.subject, id: props.id } }),
      );
      setFull(result[props.field ?? "phone"]);
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  }

  const testId = `phone-${props.subject}-${props.id}${props.field === "accountPhone" ? "-account" : ""}`;
  return (
    <span className="masked-phone" data-testid={testId}>
      <Typography.Text
        type={props.secondary ? "secondary" : undefined}
        copyable={full ? { text: full } : false}
      >
        {full ?? props.masked}
      </Typography.Text>
      {!full && can("customers.reveal") && (
        <Tooltip title={t("phone.revealHint")}>
          <Button
            type="link"
            size="small"
            icon={<EyeOutlined />}
            loading={busy}
            aria-label={t("phone.reveal")}
            data-testid={`${testId}-reveal`}
            onClick={reveal}
          />
        </Tooltip>
      )}
    </span>
  );
}
