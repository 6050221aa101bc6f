// The category tree from GET /api/v1/categories (a flat list with parent ids), loaded once per screen.
import { useEffect, useState } from "react";
import { api, call } from "./api.ts";
import type { Category } from "./types.ts";

export function useCategories(): Category[] {
  const [categories, setCategories] = useState<Category[]>([]);
  useEffect(() => {
    call(api.GET("/api/v1/categories"))
      .then((all) => setCategories([...all].sort((a, b) => a.sort - b.sort || a.id - b.id)))
      .catch(() => undefined);
  }, []);
  return categories;
}
