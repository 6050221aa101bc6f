// A distributor's storefront (/store/CODE, opened by /s/CODE/store): their cover, name and greeting, then
// the products they picked in their order (the whole shop when they picked none). The code rides along as
// the shop's referral, so the visit and the orders that follow count for them; the rest is the shop as is.
import { Avatar, ErrorBlock, InfiniteScroll, Skeleton } from "antd-mobile";
import { useEffect, useRef, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { PageBar } from "../../components/PageBar.tsx";
import { ProductFeed } from "../../components/ProductFeed.tsx";
import { ProductTile } from "../../components/ProductTile.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { storefrontApi } from "../../lib/storefront-api.ts";
import { track } from "../../lib/tracking.ts";
import type { ProductCard } from "../../lib/types.ts";

type Storefront = Awaited<ReturnType<typeof storefrontApi.open>>;

export function StorefrontPage() {
  const { t } = useI18n();
  const code = useParams().code ?? "";
  const [store, setStore] = useState<Storefront | null>(null);
  const [closed, setClosed] = useState(false);

  useEffect(() => {
    storefrontApi.open(code).then(setStore, () => setClosed(true));
    track({ kind: "page_view", source: "storefront" });
  }, [code]);

  if (closed)
    return (
      <div className="page">
        <PageBar title={t("store.title")} />
        <ErrorBlock status="empty" title={t("store.closed")} description="" />
        <Link to="/" className="store-home-link" data-testid="store-home">
          {t("store.goHome")}
        </Link>
      </div>
    );
  if (!store) return <Skeleton.Paragraph lineCount={6} animated />;
  return (
    <div className="page store-page" data-testid="storefront">
      <PageBar title={store.name} />
      <div
        className="store-cover"
        style={store.coverUrl ? { backgroundImage: `url("${store.coverUrl}")` } : undefined}
        data-testid="store-cover"
      >
        <div className="store-owner">
          <Avatar
            src={store.distributor.avatarUrl ?? ""}
            style={{ "--size": "48px", "--border-radius": "24px" }}
          />
          <div>
            <div className="store-name" data-testid="store-name">
              {store.name}
            </div>
            <div className="small">{store.distributor.nickname}</div>
          </div>
        </div>
      </div>
      {store.greeting && (
        <div className="card store-greeting" data-testid="store-greeting">
          {store.greeting}
        </div>
      )}
      {store.productCount > 0 ? <Picks code={store.code} /> : <ProductFeed />}
    </div>
  );
}

function Picks({ code }: { code: string }) {
  const [items, setItems] = useState<ProductCard[]>([]);
  const [hasMore, setHasMore] = useState(true);
  const cursor = useRef<number | undefined>(undefined);
  const loadMore = async () => {
    const page = await storefrontApi.products(code, cursor.current);
    cursor.current = page.nextCursor ?? undefined;
    setItems((previous) => [...previous, ...page.items]);
    setHasMore(page.nextCursor !== null);
  };
  return (
    <div className="product-feed" data-testid="store-products">
      <div className="product-grid">
        {items.map((product) => (
          <ProductTile key={product.id} product={product} />
        ))}
      </div>
      <InfiniteScroll loadMore={loadMore} hasMore={hasMore} />
    </div>
  );
}
