// A product list that loads the next page by cursor as the shopper scrolls (category, search or everything).
import { ErrorBlock, InfiniteScroll } from "antd-mobile";
import { useRef, useState } from "react";
import { useI18n } from "../i18n/index.tsx";
import { api, call } from "../lib/api.ts";
import type { ProductCard } from "../lib/types.ts";
import { ProductTile } from "./ProductTile.tsx";

type Filter = { categoryId?: number; q?: string; emptyText?: string };

/** A new filter starts a new list from the first page (the key remounts it). */
export function ProductFeed(props: Filter) {
  return <FeedPages key={`${props.categoryId ?? ""}|${props.q ?? ""}`} {...props} />;
}

function FeedPages({ categoryId, q, emptyText }: Filter) {
  const { t } = useI18n();
  const [items, setItems] = useState<ProductCard[]>([]);
  const [hasMore, setHasMore] = useState(true);
  const cursor = useRef<string | undefined>(undefined);

  const loadMore = async () => {
    const query = { categoryId, q, cursor: cursor.current, limit: 10 };
    const page = await call(api.GET("/api/v1/products", { params: { query } }));
    cursor.current = page.nextCursor ?? undefined;
    setItems((previous) => [...previous, ...page.items]);
    setHasMore(page.nextCursor !== null);
  };

  return (
    <div className="product-feed" data-testid="product-feed">
      <div className="product-grid">
        {items.map((product) => (
          <ProductTile key={product.id} product={product} />
        ))}
      </div>
      {!hasMore && items.length === 0 ? (
        <ErrorBlock status="empty" title={emptyText ?? t("common.empty")} description="" />
      ) : (
        <InfiniteScroll loadMore={loadMore} hasMore={hasMore} />
      )}
    </div>
  );
}
