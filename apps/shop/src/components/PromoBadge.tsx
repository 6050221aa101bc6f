// The red tag an activity puts on a product: 秒杀, 限时折扣 or 团购挑战 (a kind the shop does not know reads as 活动).
import { type MessageKey, useI18n } from "../i18n/index.tsx";

export function PromoBadge({ kind, className = "" }: { kind: string; className?: string }) {
  const { t } = useI18n();
  const key = `promo.kind.${kind}`;
  const known: MessageKey[] = [
    "promo.kind.flash_sale",
    "promo.kind.timed_discount",
    "promo.kind.group_challenge",
  ];
  return (
    <span className={`promo-badge ${className}`} data-testid="promo-badge" data-kind={kind}>
      {known.includes(key as MessageKey) ? t(key as MessageKey) : t("promo.kind.other")}
    </span>
  );
}
