// On a product page: the running group buy of this product, if any, as a link to start a group.
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { useI18n } from "../../i18n/index.tsx";
import { formatFen } from "../../lib/money.ts";
import { type GroupBuy, runningGroupBuys } from "./group-api.ts";

export function GroupBuyLink({ productId }: { productId: number }) {
  const { t } = useI18n();
  const [offer, setOffer] = useState<GroupBuy | null>(null);
  useEffect(() => {
    runningGroupBuys(productId).then(
      (list) => setOffer(list[0] ?? null),
      () => setOffer(null),
    );
  }, [productId]);
  if (!offer) return null;
  const lowest = Math.min(...offer.items.map((i) => i.groupPriceFen));
  return (
    <Link to={`/group-buys/${offer.id}`} className="card product-group-cta" data-testid="product-group-buy">
      {t("group.cta", { amount: formatFen(lowest), size: offer.groupSize })} ›
    </Link>
  );
}
