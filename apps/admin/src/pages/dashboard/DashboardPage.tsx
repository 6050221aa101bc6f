// 概览: the shop at a glance — orders waiting to ship, after-sales waiting for review, low stock — with links.
import { Card, Col, Row, Statistic, Typography } from "antd";
import { useEffect, useState } from "react";
import { useNavigate } from "react-router-dom";
import { type MessageKey, useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useAuth } from "../../lib/auth.tsx";
import { SalesPanel } from "./SalesPanel.tsx";

type Tile = {
  key: string;
  label: MessageKey;
  path: string;
  permission: string;
  count: () => Promise<number>;
};

// Counts come from the first page of each list (up to 100), shown as "100+" beyond that.
const PAGE = 100;
const tiles: Tile[] = [
  {
    key: "to-ship",
    label: "dashboard.toShip",
    path: "/orders?status=paid",
    permission: "orders.read",
    count: async () =>
      (await call(api.GET("/api/admin/v1/orders", { params: { query: { status: "paid", limit: PAGE } } })))
        .items.length,
  },
  {
    key: "pending-payment",
    label: "dashboard.pendingPayment",
    path: "/orders?status=pending_payment",
    permission: "orders.read",
    count: async () =>
      (
        await call(
          api.GET("/api/admin/v1/orders", { params: { query: { status: "pending_payment", limit: PAGE } } }),
        )
      ).items.length,
  },
  {
    key: "after-sales",
    label: "dashboard.afterSalesToReview",
    path: "/after-sales",
    permission: "aftersale.review",
    count: async () =>
      (
        await call(
          api.GET("/api/admin/v1/after-sales", { params: { query: { status: "requested", limit: PAGE } } }),
        )
      ).items.length,
  },
  {
    key: "low-stock",
    label: "dashboard.lowStock",
    path: "/stock",
    permission: "catalog.read",
    count: async () =>
      (await call(api.GET("/api/admin/v1/low-stock", { params: { query: { limit: PAGE } } }))).length,
  },
  {
    key: "applications",
    label: "dashboard.applications",
    path: "/distribution/applications",
    permission: "distribution.read",
    count: async () =>
      countOf(
        await call(
          api.GET("/api/admin/v1/distribution/applications", { params: { query: { limit: PAGE } } }),
        ),
      ),
  },
  {
    key: "held",
    label: "dashboard.held",
    path: "/distribution/held",
    permission: "distribution.read",
    count: async () =>
      countOf(
        await call(
          api.GET("/api/admin/v1/distribution/commissions", {
            params: { query: { status: "held", limit: PAGE } },
          }),
        ),
      ),
  },
  {
    key: "withdrawals",
    label: "dashboard.withdrawals",
    path: "/distribution/withdrawals",
    permission: "withdrawals.read",
    count: async () =>
      countOf(
        await call(
          api.GET("/api/admin/v1/distribution/withdrawals", {
            params: { query: { status: "requested", limit: PAGE } },
          }),
        ),
      ),
  },
];

function countOf(page: { items: unknown[] }): number {
  return page.items.length;
}

export function DashboardPage() {
  const { t } = useI18n();
  const { me, can } = useAuth();
  const navigate = useNavigate();
  const visible = tiles.filter((tile) => can(tile.permission));
  const [counts, setCounts] = useState<Record<string, number | null>>({});

  useEffect(() => {
    for (const tile of tiles.filter((x) => can(x.permission))) {
      tile
        .count()
        .then((n) => setCounts((old) => ({ ...old, [tile.key]: n })))
        .catch(() => setCounts((old) => ({ ...old, [tile.key]: null })));
    }
  }, [can]);

  return (
    <div>
      <Typography.Title level={4}>{t("dashboard.welcome", { name: me?.name ?? "" })}</Typography.Title>
      <Row gutter={[16, 16]}>
        {visible.map((tile) => {
          const n = counts[tile.key];
          return (
            <Col key={tile.key} xs={24} sm={12} lg={6}>
              <Card data-testid={`dashboard-${tile.key}`} hoverable onClick={() => navigate(tile.path)}>
                <Statistic
                  title={t(tile.label)}
                  value={n === undefined ? "…" : n === null ? "—" : n >= PAGE ? `${PAGE}+` : n}
                />
              </Card>
            </Col>
          );
        })}
      </Row>
      {can("reports.read") && <SalesPanel />}
    </div>
  );
}
