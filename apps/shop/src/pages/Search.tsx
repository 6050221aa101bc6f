// Search by title: the query lives in the address so back and reload keep it.
import { SearchBar } from "antd-mobile";
import { useSearchParams } from "react-router-dom";
import { PageBar } from "../components/PageBar.tsx";
import { ProductFeed } from "../components/ProductFeed.tsx";
import { useI18n } from "../i18n/index.tsx";

export function SearchPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get("q")?.trim() ?? "";
  return (
    <div className="page search-page">
      <PageBar title={t("home.search")} />
      <div className="search-box">
        <SearchBar
          autoFocus={!q}
          defaultValue={q}
          placeholder={t("search.placeholder")}
          onSearch={(value) =>
            setParams(value.trim() ? { q: value.trim().slice(0, 40) } : {}, { replace: true })
          }
          data-testid="search-input"
        />
      </div>
      {q && <ProductFeed q={q} emptyText={t("search.noResult")} />}
    </div>
  );
}
