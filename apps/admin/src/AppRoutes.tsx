// Which page answers which path, behind the login guard and each page's permission.
import { Result, Spin } from "antd";
import type { ReactNode } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router-dom";
import { AppLayout } from "./components/AppLayout.tsx";
import { useI18n } from "./i18n/index.tsx";
import { useAuth } from "./lib/auth.tsx";
import { AfterSalePage } from "./pages/aftersales/AfterSalePage.tsx";
import { RefundQueuePage } from "./pages/aftersales/RefundQueuePage.tsx";
import { AuditLogPage } from "./pages/audit/AuditLogPage.tsx";
import { CategoryPage } from "./pages/catalog/CategoryPage.tsx";
import { ProductEditPage } from "./pages/catalog/ProductEditPage.tsx";
import { ProductListPage } from "./pages/catalog/ProductListPage.tsx";
import { StockPage } from "./pages/catalog/StockPage.tsx";
import { DashboardPage } from "./pages/dashboard/DashboardPage.tsx";
import { ApplicationsPage } from "./pages/distribution/ApplicationsPage.tsx";
import { BindingsPage } from "./pages/distribution/BindingsPage.tsx";
import { CommissionsPage } from "./pages/distribution/CommissionsPage.tsx";
import { DistributionSettingsPage } from "./pages/distribution/DistributionSettingsPage.tsx";
import { DistributorDetailPage } from "./pages/distribution/DistributorDetailPage.tsx";
import { DistributorListPage } from "./pages/distribution/DistributorListPage.tsx";
import { GradesPage } from "./pages/distribution/GradesPage.tsx";
import { SimulatorPage } from "./pages/distribution/SimulatorPage.tsx";
import { WithdrawalsPage } from "./pages/distribution/WithdrawalsPage.tsx";
import { DividendsPage } from "./pages/dividends/DividendsPage.tsx";
import { FreightPage } from "./pages/freight/FreightPage.tsx";
import { LoginPage } from "./pages/login/LoginPage.tsx";
import { RedemptionPage } from "./pages/marketing/RedemptionPage.tsx";
import { OrderDetailPage } from "./pages/orders/OrderDetailPage.tsx";
import { OrderListPage } from "./pages/orders/OrderListPage.tsx";
import { PaymentRecordsPage } from "./pages/payments/PaymentRecordsPage.tsx";
import { PaymentSettingsPage } from "./pages/payments/PaymentSettingsPage.tsx";
import { ReconciliationPage } from "./pages/payments/ReconciliationPage.tsx";
import { FaqPage } from "./pages/service/FaqPage.tsx";
import { ServiceDeskPage } from "./pages/service/ServiceDeskPage.tsx";
import { SettingsPage } from "./pages/settings/SettingsPage.tsx";
import { StaffPage } from "./pages/staff/StaffPage.tsx";

const pages: { path: string; permission: string | null; element: ReactNode }[] = [
  { path: "/", permission: null, element: <DashboardPage /> },
  { path: "/products", permission: "catalog.read", element: <ProductListPage /> },
  { path: "/products/new", permission: "catalog.write", element: <ProductEditPage /> },
  { path: "/products/:id", permission: "catalog.read", element: <ProductEditPage /> },
  { path: "/categories", permission: "catalog.read", element: <CategoryPage /> },
  { path: "/stock", permission: "catalog.read", element: <StockPage /> },
  { path: "/freight", permission: "catalog.read", element: <FreightPage /> },
  { path: "/orders", permission: "orders.read", element: <OrderListPage /> },
  { path: "/orders/:id", permission: "orders.read", element: <OrderDetailPage /> },
  { path: "/after-sales", permission: "aftersale.review", element: <AfterSalePage /> },
  { path: "/refund-queue", permission: "refund.execute", element: <RefundQueuePage /> },
  { path: "/distribution/distributors", permission: "distribution.read", element: <DistributorListPage /> },
  {
    path: "/distribution/distributors/:id",
    permission: "distribution.read",
    element: <DistributorDetailPage />,
  },
  { path: "/distribution/applications", permission: "distribution.read", element: <ApplicationsPage /> },
  { path: "/distribution/commissions", permission: "distribution.read", element: <CommissionsPage /> },
  { path: "/distribution/held", permission: "distribution.read", element: <CommissionsPage heldOnly /> },
  { path: "/distribution/withdrawals", permission: "withdrawals.read", element: <WithdrawalsPage /> },
  { path: "/distribution/bindings", permission: "distribution.read", element: <BindingsPage /> },
  { path: "/distribution/grades", permission: "distribution.read", element: <GradesPage /> },
  { path: "/distribution/simulator", permission: "distribution.read", element: <SimulatorPage /> },
  { path: "/distribution/settings", permission: "distribution.read", element: <DistributionSettingsPage /> },
  { path: "/distribution/dividends", permission: "distribution.read", element: <DividendsPage /> },
  { path: "/payments", permission: "payments.read", element: <PaymentRecordsPage /> },
  { path: "/payments/settings", permission: "payments.configure", element: <PaymentSettingsPage /> },
  { path: "/reconciliation", permission: "payments.read", element: <ReconciliationPage /> },
  { path: "/settings", permission: "settings.read", element: <SettingsPage /> },
  { path: "/staff", permission: "staff.read", element: <StaffPage /> },
  { path: "/audit-log", permission: "audit.read", element: <AuditLogPage /> },
  { path: "/redemptions", permission: "orders.read", element: <RedemptionPage /> },
  { path: "/service", permission: "service.reply", element: <ServiceDeskPage /> },
  { path: "/service/faq", permission: "service.reply", element: <FaqPage /> },
];

function Guarded({ permission, children }: { permission: string | null; children: ReactNode }) {
  const { can } = useAuth();
  const { t } = useI18n();
  if (permission !== null && !can(permission)) {
    return <Result status="403" title="403" subTitle={t("error.FORBIDDEN")} />;
  }
  return <>{children}</>;
}

export function AppRoutes() {
  const { me, checking } = useAuth();
  const location = useLocation();
  if (checking) return <Spin fullscreen />;
  if (!me) {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="*" element={<Navigate to="/login" replace state={{ from: location.pathname }} />} />
      </Routes>
    );
  }
  return (
    <AppLayout>
      <Routes>
        {pages.map((page) => (
          <Route
            key={page.path}
            path={page.path}
            element={<Guarded permission={page.permission}>{page.element}</Guarded>}
          />
        ))}
        <Route
          path="/login"
          element={<Navigate to={(location.state as { from?: string })?.from ?? "/"} replace />}
        />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </AppLayout>
  );
}
