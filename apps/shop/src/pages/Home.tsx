// Home: the shop's name and logo, a search box, top-level categories and the product feed.
import { Image, SearchBar } from "antd-mobile";
import { Link, useNavigate } from "react-router-dom";
import { ProductFeed } from "../components/ProductFeed.tsx";
import { useI18n } from "../i18n/index.tsx";
import { useShop } from "../lib/shop.tsx";
import { useCategories } from "../lib/use-categories.ts";

export function HomePage() {
  const { t } = useI18n();
  const shop = useShop();
  const navigate = useNavigate();
  const roots = useCategories().filter((c) => c.parentId === null);
  return (
    <div className="page home-page">
      <header className="home-header">
        <div className="home-brand" data-testid="shop-name">
          {shop.logoUrl && <img src={shop.logoUrl} alt="" className="home-logo" />}
          <span>{shop.shopName}</span>
        </div>
        <div onClickCapture={() => navigate("/search")} data-testid="home-search">
          <SearchBar placeholder={t("home.search")} className="home-search" />
        </div>
      </header>
      {roots.length > 0 && (
        <nav className="home-categories">
          {roots.slice(0, 8).map((c) => (
            <Link
              key={c.id}
              to={`/categories?id=${c.id}`}
              className="home-category"
              data-testid="home-category"
            >
              <Image
                src={c.iconUrl ?? ""}
                width={44}
                height={44}
                fit="cover"
                className="home-category-icon"
              />
              <span>{c.name}</span>
            </Link>
          ))}
        </nav>
      )}
      <h3 className="section-title">{t("home.feed")}</h3>
      <ProductFeed />
    </div>
  );
}
