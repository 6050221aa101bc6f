// A list that loads the next page by numeric cursor as the shopper scrolls, with an empty state.
import { ErrorBlock, InfiniteScroll } from "antd-mobile";
import { type ReactNode, useRef, useState } from "react";

type Props<T> = {
  load: (cursor?: number) => Promise<{ items: T[]; nextCursor: number | null }>;
  render: (item: T) => ReactNode;
  empty: string;
};

export function CursorList<T>({ load, render, empty }: Props<T>) {
  const [items, setItems] = useState<T[]>([]);
  const [hasMore, setHasMore] = useState(true);
  const cursor = useRef<number | undefined>(undefined);
  const loadMore = async () => {
    const page = await load(cursor.current);
    cursor.current = page.nextCursor ?? undefined;
    setItems((previous) => [...previous, ...page.items]);
    setHasMore(page.nextCursor !== null);
  };
  return (
    <>
      {items.map(render)}
      {!hasMore && items.length === 0 ? (
        <ErrorBlock status="empty" title={empty} description="" />
      ) : (
        <InfiniteScroll loadMore={loadMore} hasMore={hasMore} />
      )}
    </>
  );
}
