// The footer of a cursor-paginated table: "load more" while the server says there is a next page.
import { Button } from "antd";
import { useI18n } from "../i18n/index.tsx";

export function LoadMore({
  hasMore,
  loading,
  onClick,
}: {
  hasMore: boolean;
  loading: boolean;
  onClick: () => void;
}) {
  const { t } = useI18n();
  if (!hasMore) return null;
  return (
    <div style={{ textAlign: "center", marginTop: 16 }}>
      <Button data-testid="load-more" loading={loading} onClick={onClick}>
        {t("common.loadMore")}
      </Button>
    </div>
  );
}
