// Which page answers which path, behind the login guard and each page's permission.
import { Result, Spin } from "antd";
import { lazy, type ReactNode, Suspense } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router-dom";
import { AppLayout } from "./components/AppLayout.tsx";
import { useI18n } from "./i18n/index.tsx";
import { useAuth } from "./lib/auth.tsx";

// Each page is its own chunk (loaded when first opened), so the login page and the dashboard stay small.
const AfterSalePage = lazy(() =>
  import("./pages/aftersales/AfterSalePage.tsx").then((m) => ({ default: m.AfterSalePage })),
);
const RefundQueuePage = lazy(() =>
  import("./pages/aftersales/RefundQueuePage.tsx").then((m) => ({ default: m.RefundQueuePage })),
);
const AuditLogPage = lazy(() =>
  import("./pages/audit/AuditLogPage.tsx").then((m) => ({ default: m.AuditLogPage })),
);
const CategoryPage = lazy(() =>
  import("./pages/catalog/CategoryPage.tsx").then((m) => ({ default: m.CategoryPage })),
);
const ProductEditPage = lazy(() =>
  import("./pages/catalog/ProductEditPage.tsx").then((m) => ({ default: m.ProductEditPage })),
);
const ProductListPage = lazy(() =>
  import("./pages/catalog/ProductListPage.tsx").then((m) => ({ default: m.ProductListPage })),
);
const StockPage = lazy(() => import("./pages/catalog/StockPage.tsx").then((m) => ({ default: m.StockPage })));
const DashboardPage = lazy(() =>
  import("./pages/dashboard/DashboardPage.tsx").then((m) => ({ default: m.DashboardPage })),
);
const ApplicationsPage = lazy(() =>
  import("./pages/distribution/ApplicationsPage.tsx").then((m) => ({ default: m.ApplicationsPage })),
);
const BindingsPage = lazy(() =>
  import("./pages/distribution/BindingsPage.tsx").then((m) => ({ default: m.BindingsPage })),
);
const CommissionsPage = lazy(() =>
  import("./pages/distribution/CommissionsPage.tsx").then((m) => ({ default: m.CommissionsPage })),
);
const DistributionSettingsPage = lazy(() =>
  import("./pages/distribution/DistributionSettingsPage.tsx").then((m) => ({
    default: m.DistributionSettingsPage,
  })),
);
const DistributorDetailPage = lazy(() =>
  import("./pages/distribution/DistributorDetailPage.tsx").then((m) => ({
    default: m.DistributorDetailPage,
  })),
);
const DistributorListPage = lazy(() =>
  import("./pages/distribution/DistributorListPage.tsx").then((m) => ({ default: m.DistributorListPage })),
);
const GradesPage = lazy(() =>
  import("./pages/distribution/GradesPage.tsx").then((m) => ({ default: m.GradesPage })),
);
const SimulatorPage = lazy(() =>
  import("./pages/distribution/SimulatorPage.tsx").then((m) => ({ default: m.SimulatorPage })),
);
const WithdrawalsPage = lazy(() =>
  import("./pages/distribution/WithdrawalsPage.tsx").then((m) => ({ default: m.WithdrawalsPage })),
);
const DividendsPage = lazy(() =>
  import("./pages/dividends/DividendsPage.tsx").then((m) => ({ default: m.DividendsPage })),
);
const FreightPage = lazy(() =>
  import("./pages/freight/FreightPage.tsx").then((m) => ({ default: m.FreightPage })),
);
const LoginPage = lazy(() => import("./pages/login/LoginPage.tsx").then((m) => ({ default: m.LoginPage })));
const GroupBuyPage = lazy(() =>
  import("./pages/marketing/GroupBuyPage.tsx").then((m) => ({ default: m.GroupBuyPage })),
);
const ActivitiesPage = lazy(() =>
  import("./pages/marketing/ActivitiesPage.tsx").then((m) => ({ default: m.ActivitiesPage })),
);
const GroupChallengesPage = lazy(() =>
  import("./pages/marketing/GroupChallengesPage.tsx").then((m) => ({ default: m.GroupChallengesPage })),
);
const GroupChallengeResultsPage = lazy(() =>
  import("./pages/marketing/GroupChallengeResultsPage.tsx").then((m) => ({
    default: m.GroupChallengeResultsPage,
  })),
);
const CouponsPage = lazy(() =>
  import("./pages/marketing/CouponsPage.tsx").then((m) => ({ default: m.CouponsPage })),
);
const OffersPage = lazy(() =>
  import("./pages/offers/OffersPage.tsx").then((m) => ({ default: m.OffersPage })),
);
const ServiceSlotsPage = lazy(() =>
  import("./pages/offers/ServiceSlotsPage.tsx").then((m) => ({ default: m.ServiceSlotsPage })),
);
const PointsPage = lazy(() =>
  import("./pages/marketing/PointsPage.tsx").then((m) => ({ default: m.PointsPage })),
);
const RedemptionPage = lazy(() =>
  import("./pages/marketing/RedemptionPage.tsx").then((m) => ({ default: m.RedemptionPage })),
);
const OrderDetailPage = lazy(() =>
  import("./pages/orders/OrderDetailPage.tsx").then((m) => ({ default: m.OrderDetailPage })),
);
const OrderListPage = lazy(() =>
  import("./pages/orders/OrderListPage.tsx").then((m) => ({ default: m.OrderListPage })),
);
const PaymentRecordsPage = lazy(() =>
  import("./pages/payments/PaymentRecordsPage.tsx").then((m) => ({ default: m.PaymentRecordsPage })),
);
const PaymentSettingsPage = lazy(() =>
  import("./pages/payments/PaymentSettingsPage.tsx").then((m) => ({ default: m.PaymentSettingsPage })),
);
const ReconciliationPage = lazy(() =>
  import("./pages/payments/ReconciliationPage.tsx").then((m) => ({ default: m.ReconciliationPage })),
);
const ReviewsPage = lazy(() =>
  import("./pages/reviews/ReviewsPage.tsx").then((m) => ({ default: m.ReviewsPage })),
);
const FaqPage = lazy(() => import("./pages/service/FaqPage.tsx").then((m) => ({ default: m.FaqPage })));
const ServiceDeskPage = lazy(() =>
  import("./pages/service/ServiceDeskPage.tsx").then((m) => ({ default: m.ServiceDeskPage })),
);
const SettingsPage = lazy(() =>
  import("./pages/settings/SettingsPage.tsx").then((m) => ({ default: m.SettingsPage })),
);
const StaffPage = lazy(() => import("./pages/staff/StaffPage.tsx").then((m) => ({ default: m.StaffPage })));
const ReferralTreePage = lazy(() =>
  import("./pages/distribution/ReferralTreePage.tsx").then((m) => ({ default: m.ReferralTreePage })),
);
const ReportsPage = lazy(() =>
  import("./pages/reports/ReportsPage.tsx").then((m) => ({ default: m.ReportsPage })),
);
const CustomersPage = lazy(() =>
  import("./pages/customers/CustomersPage.tsx").then((m) => ({ default: m.CustomersPage })),
);
const PosterSettingsPage = lazy(() =>
  import("./pages/reports/PosterSettingsPage.tsx").then((m) => ({ default: m.PosterSettingsPage })),
);

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
  { path: "/group-buys", permission: "catalog.read", element: <GroupBuyPage /> },
  { path: "/flash-sales", permission: "marketing.read", element: <ActivitiesPage family="price" /> },
  { path: "/thresholds", permission: "marketing.read", element: <ActivitiesPage family="threshold" /> },
  { path: "/group-challenges", permission: "marketing.read", element: <GroupChallengesPage /> },
  { path: "/group-challenges/:id", permission: "marketing.read", element: <GroupChallengeResultsPage /> },
  { path: "/coupons", permission: "marketing.read", element: <CouponsPage /> },
  { path: "/welcome-offers", permission: "marketing.read", element: <OffersPage kind="welcome_offer" /> },
  { path: "/invite-gifts", permission: "marketing.read", element: <OffersPage kind="invite_gift" /> },
  { path: "/gifts", permission: "marketing.read", element: <OffersPage kind="gift" /> },
  { path: "/service-slots", permission: "catalog.read", element: <ServiceSlotsPage /> },
  { path: "/points", permission: "marketing.read", element: <PointsPage /> },
  { path: "/service", permission: "service.reply", element: <ServiceDeskPage /> },
  { path: "/service/faq", permission: "service.reply", element: <FaqPage /> },
  { path: "/reviews", permission: "reviews.moderate", element: <ReviewsPage /> },
  { path: "/reports", permission: "reports.read", element: <ReportsPage /> },
  { path: "/customers", permission: "customers.read", element: <CustomersPage /> },
  { path: "/distribution/tree", permission: "distribution.read", element: <ReferralTreePage /> },
  { path: "/posters", permission: "settings.read", element: <PosterSettingsPage /> },
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
      <Suspense fallback={<Spin fullscreen />}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="*" element={<Navigate to="/login" replace state={{ from: location.pathname }} />} />
        </Routes>
      </Suspense>
    );
  }
  return (
    <AppLayout>
      <Suspense fallback={<Spin />}>
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
      </Suspense>
    </AppLayout>
  );
}
