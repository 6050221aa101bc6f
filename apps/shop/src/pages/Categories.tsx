// Categories: top-level categories down the side, their sub-categories as chips, and the chosen one's products.
import { CapsuleTabs, SideBar } from "antd-mobile";
import { useSearchParams } from "react-router-dom";
import { ProductFeed } from "../components/ProductFeed.tsx";
import { useI18n } from "../i18n/index.tsx";
import { useCategories } from "../lib/use-categories.ts";

export function CategoriesPage() {
  const { t } = useI18n();
  const categories = useCategories();
  const [params, setParams] = useSearchParams();
  const roots = categories.filter((c) => c.parentId === null);
  const chosenId = Number(params.get("id")) || roots[0]?.id;
  const chosen = categories.find((c) => c.id === chosenId);
  const rootId = chosen?.parentId ? rootOf(chosen.id) : chosenId;
  const children = categories.filter((c) => c.parentId === rootId);

  function rootOf(id: number): number {
    let current = categories.find((c) => c.id === id);
    while (current?.parentId) current = categories.find((c) => c.id === current?.parentId);
    return current?.id ?? id;
  }

  const choose = (id: number) => setParams({ id: String(id) }, { replace: true });

  return (
    <div className="page categories-page">
      <div className="page-title">{t("category.title")}</div>
      <div className="categories-body">
        <SideBar activeKey={rootId ? String(rootId) : null} onChange={(key) => choose(Number(key))}>
          {roots.map((c) => (
            <SideBar.Item key={c.id} title={c.name} data-testid="category-root" />
          ))}
        </SideBar>
        <div className="categories-content">
          {children.length > 0 && rootId && (
            <CapsuleTabs activeKey={String(chosenId)} onChange={(key) => choose(Number(key))}>
              <CapsuleTabs.Tab key={String(rootId)} title={t("home.allCategories")} />
              {children.map((c) => (
                <CapsuleTabs.Tab key={c.id} title={c.name} />
              ))}
            </CapsuleTabs>
          )}
          {chosenId && <ProductFeed categoryId={chosenId} emptyText={t("category.empty")} />}
        </div>
      </div>
    </div>
  );
}
