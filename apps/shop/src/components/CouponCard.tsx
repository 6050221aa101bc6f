// One coupon as a ticket: its value ("满100减20", "9折", "包邮") on the left, name and validity in the middle,
// and whatever the screen puts on the right (claim button, use link, radio).
import type { ReactNode } from "react";

export function CouponCard({
  summary,
  name,
  validity,
  note,
  action,
  dim = false,
  testId,
}: {
  summary: string;
  name: string;
  validity: string;
  note?: ReactNode;
  action?: ReactNode;
  dim?: boolean;
  testId?: string;
}) {
  return (
    <div className={`coupon-card ${dim ? "coupon-card-dim" : ""}`} data-testid={testId}>
      <div className="coupon-card-value">{summary}</div>
      <div className="coupon-card-body">
        <div className="coupon-card-name">{name}</div>
        <div className="coupon-card-validity">{validity}</div>
        {note && <div className="coupon-card-note">{note}</div>}
      </div>
      {action && <div className="coupon-card-action">{action}</div>}
    </div>
  );
}
