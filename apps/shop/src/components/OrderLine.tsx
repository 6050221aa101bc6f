// One bought item: picture, title, SKU, unit price and quantity (shared by checkout, orders and after-sales).
import { Image } from "antd-mobile";
import type { ReactNode } from "react";
import { useI18n } from "../i18n/index.tsx";
import { formatFen } from "../lib/money.ts";

type Line = {
  title: string;
  skuLabel: string;
  imageUrl: string | null;
  unitPriceFen?: number;
  quantity: number;
};

export function OrderLine({ line, extra }: { line: Line; extra?: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="order-line">
      <Image src={line.imageUrl ?? ""} width={64} height={64} fit="cover" className="line-image" />
      <div className="order-line-body">
        <div className="line-title">{line.title}</div>
        {line.skuLabel && <div className="line-spec">{line.skuLabel}</div>}
        {extra}
      </div>
      <div className="order-line-price">
        {line.unitPriceFen !== undefined && <div>{formatFen(line.unitPriceFen)}</div>}
        {/* a line of no units (a price-difference refund) moved money, not goods */}
        {line.quantity > 0 && <div className="muted small">{t("common.qty", { n: line.quantity })}</div>}
      </div>
    </div>
  );
}
