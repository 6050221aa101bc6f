// A list read page by page through the API's cursor: the first page on load (and when filters change), more on demand.
import { useCallback, useEffect, useRef, useState } from "react";

export type Page<T, C> = { items: T[]; nextCursor: C | null };

export function useCursorList<T, C>(
  fetchPage: (cursor: C | undefined) => Promise<Page<T, C>>,
  /** Changes whenever the first page should be read again (e.g. the filters, serialised). */
  key: string,
  onError: (error: unknown) => void,
) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<C | null>(null);
  const [loading, setLoading] = useState(false);
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const errorRef = useRef(onError);
  errorRef.current = onError;

  const load = useCallback(async (from: C | undefined, append: boolean) => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const page = await fetchRef.current(from);
      if (mine !== generation.current) return;
      setItems((old) => (append ? [...old, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (error) {
      if (mine === generation.current) errorRef.current(error);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: key is how the caller says the first page changed
  useEffect(() => {
    void load(undefined, false);
  }, [key, load]);

  return {
    items,
    loading,
    hasMore: cursor !== null,
    loadMore: () => cursor !== null && void load(cursor, true),
    reload: () => void load(undefined, false),
  };
}
