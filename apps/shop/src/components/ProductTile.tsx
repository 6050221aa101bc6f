// One product in a two-column feed: picture, title, price and sales.
import { Image } from "antd-mobile";
import { Link } from "react-router-dom";
import { useI18n } from "../i18n/index.tsx";
import type { ProductCard } from "../lib/types.ts";
import { Price } from "./Price.tsx";

export function ProductTile({ product }: { product: ProductCard }) {
  const { t } = useI18n();
  return (
    <Link
      to={`/products/${product.id}`}
      className="product-tile"
      data-testid="product-card"
      data-product-id={product.id}
    >
      <Image src={product.imageUrl ?? ""} className="product-tile-image" fit="cover" lazy />
      <div className="product-tile-body">
        <div className="product-tile-title">{product.title}</div>
        <div className="product-tile-foot">
          <Price fen={product.priceFen} original={product.originalPriceFen} />
          <span className="muted small">{t("product.sold", { n: product.salesCount })}</span>
        </div>
        {product.stock === 0 && <div className="product-tile-soldout">{t("product.soldOut")}</div>}
      </div>
    </Link>
  );
}
