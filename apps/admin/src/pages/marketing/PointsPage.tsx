// 积分: the points rule, the points shop's goods, and any shopper's points history, as three tabs.
import { Card, Tabs } from "antd";
import { useI18n } from "../../i18n/index.tsx";
import { PointsSettings } from "./PointsSettings.tsx";
import { PointsShopItems } from "./PointsShopItems.tsx";
import { ShopperPoints } from "./ShopperPoints.tsx";

export function PointsPage() {
  const { t } = useI18n();
  return (
    <Card title={t("nav.points")}>
      <Tabs
        items={[
          { key: "settings", label: t("points.settings"), children: <PointsSettings /> },
          { key: "shop", label: t("pointsShop.title"), children: <PointsShopItems /> },
          { key: "shoppers", label: t("points.shoppers"), children: <ShopperPoints /> },
        ]}
      />
    </Card>
  );
}
