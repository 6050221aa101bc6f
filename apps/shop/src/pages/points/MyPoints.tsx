// 我的积分: spendable and pending points, how points work here, the way to the points shop, and each points
// event (spent on an order, given back, earned and waiting, become spendable, taken back by a refund).
import { List } from "antd-mobile";
import { Link } from "react-router-dom";
import { CursorList } from "../../components/CursorList.tsx";
import { PageBar } from "../../components/PageBar.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { formatTime } from "../../lib/format.ts";
import { type PointsEntry, pointsApi } from "../../lib/points-api.ts";
import { useLoad } from "../../lib/use-load.ts";

function change(e: PointsEntry): string {
  return `${e.points > 0 ? "+" : ""}${e.points}`;
}

export function MyPointsPage() {
  const { t } = useI18n();
  const [mine] = useLoad(() => pointsApi.mine());
  const load = async (cursor?: number) => {
    const page = await pointsApi.mine(cursor);
    return { items: page.history, nextCursor: page.nextBeforeId };
  };

  return (
    <div className="page my-points-page" data-testid="my-points">
      <PageBar
        title={t("points.mine")}
        right={
          <Link to="/points-shop" className="small" data-testid="my-points-shop">
            {t("pointsShop.title")}
          </Link>
        }
      />
      <div className="card points-hero">
        <div>
          <div className="points-big" data-testid="my-points-balance">
            {mine ? mine.points : "—"}
          </div>
          <div className="muted small">{t("points.spendable")}</div>
        </div>
        <div>
          <div className="points-big" data-testid="my-points-pending">
            {mine ? mine.pending : "—"}
          </div>
          <div className="muted small">{t("points.pending")}</div>
        </div>
      </div>
      {mine && (
        <div className="card muted small points-rule" data-testid="my-points-rule">
          {mine.rule.enabled ? t("points.rule", { n: mine.rule.pointsPerYuan }) : t("points.off")}
        </div>
      )}
      <List className="card" header={t("points.history")}>
        <CursorList<PointsEntry>
          load={load}
          empty={t("points.noHistory")}
          render={(e) => (
            <List.Item
              key={e.id}
              description={formatTime(e.createdAt)}
              extra={
                <span className={e.points < 0 ? "" : "price-now"} data-testid="my-points-change">
                  {e.kind === "earn" ? t("points.pendingPlus", { n: e.points }) : change(e)}
                </span>
              }
              data-testid="my-points-entry"
            >
              {t(`points.kind.${e.kind}`)}
              {e.orderId && (
                <Link to={`/orders/${e.orderId}`} className="muted small points-order">
                  {" "}
                  {t("points.order")}
                </Link>
              )}
            </List.Item>
          )}
        />
      </List>
    </div>
  );
}
