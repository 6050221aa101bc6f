// The category list as the server sends it, and the same list as a tree for pickers and the tree page.
import { api, call } from "../../lib/api.ts";

export type Category = {
  id: number;
  parentId: number | null;
  name: string;
  iconUrl: string | null;
  sort: number;
};
export type CategoryNode = {
  value: number;
  title: string;
  key: number;
  children: CategoryNode[];
  category: Category;
};

export function loadCategories(): Promise<Category[]> {
  return call(api.GET("/api/admin/v1/categories"));
}

export function categoryTree(categories: Category[], parentId: number | null = null): CategoryNode[] {
  return categories
    .filter((c) => c.parentId === parentId)
    .sort((a, b) => a.sort - b.sort || a.id - b.id)
    .map((c) => ({
      value: c.id,
      key: c.id,
      title: c.name,
      category: c,
      children: categoryTree(categories, c.id),
    }));
}
