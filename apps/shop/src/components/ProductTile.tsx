// One product in a two-column feed: picture, title, price and sales; a running activity adds its badge and
// activity price (the list price struck through), a threshold discount its "满200减50" line, a gift its 赠 tag.
import { Image } from "antd-mobile";
import { Link } from "react-router-dom";
import { useI18n } from "../i18n/index.tsx";
import { promotionOf, useShopActivities } from "../lib/marketing.ts";
import type { ProductCard } from "../lib/types.ts";
import { Price } from "./Price.tsx";
import { PromoBadge } from "./PromoBadge.tsx";

export function ProductTile({ product }: { product: ProductCard }) {
  const { t } = useI18n();
  const promo = promotionOf(useShopActivities(), product);
  const deal = promo.lowest;
  return (
    <Link
      to={`/products/${product.id}`}
      className="product-tile"
      data-testid="product-card"
      data-product-id={product.id}
    >
      <Image src={product.imageUrl ?? ""} className="product-tile-image" fit="cover" lazy />
      {deal && <PromoBadge kind={deal.kind} className="product-tile-badge" />}
      <div className="product-tile-body">
        <div className="product-tile-title">{product.title}</div>
        {promo.gifts.length > 0 && (
          <div className="promo-lines" data-testid="product-card-gifts">
            <span className="promo-badge gift-badge">{t("gift.badge")}</span>
          </div>
        )}
        {promo.thresholds.length > 0 && (
          <div className="promo-lines" data-testid="product-card-thresholds">
            {promo.thresholds.slice(0, 2).map((line) => (
              <span key={line} className="promo-line">
                {line}
              </span>
            ))}
          </div>
        )}
        <div className="product-tile-foot">
          {deal ? (
            <Price fen={deal.priceFen} original={product.priceFen} />
          ) : (
            <Price fen={product.priceFen} original={product.originalPriceFen} />
          )}
          <span className="muted small">{t("product.sold", { n: product.salesCount })}</span>
        </div>
        {product.stock === 0 && <div className="product-tile-soldout">{t("product.soldOut")}</div>}
      </div>
    </Link>
  );
}
