// The console's pages: path, menu group, label and the permission that shows them. Only pages whose API exists are here.
import {
  AccountBookOutlined,
  AuditOutlined,
  CalculatorOutlined,
  CarOutlined,
  CheckCircleOutlined,
  ClusterOutlined,
  ControlOutlined,
  CrownOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  FileTextOutlined,
  GiftOutlined,
  KeyOutlined,
  LineChartOutlined,
  LinkOutlined,
  MoneyCollectOutlined,
  PercentageOutlined,
  PictureOutlined,
  ReconciliationOutlined,
  RollbackOutlined,
  SafetyOutlined,
  SettingOutlined,
  ShoppingOutlined,
  SolutionOutlined,
  TagsOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  TrophyOutlined,
  WalletOutlined,
} from "@ant-design/icons";
import type { ReactNode } from "react";
import type { MessageKey } from "./i18n/index.tsx";

export type NavItem = {
  key: string;
  path: string;
  label: MessageKey;
  icon: ReactNode;
  permission: string | null;
};
export type NavGroup = { key: string; label: MessageKey; items: NavItem[] };

export const navGroups: NavGroup[] = [
  {
    key: "home",
    label: "nav.group.home",
    items: [
      { key: "dashboard", path: "/", label: "nav.dashboard", icon: <DashboardOutlined />, permission: null },
      {
        key: "reports",
        path: "/reports",
        label: "nav.reports",
        icon: <LineChartOutlined />,
        permission: "reports.read",
      },
      {
        key: "customers",
        path: "/customers",
        label: "nav.customers",
        icon: <SolutionOutlined />,
        permission: "customers.read",
      },
      {
        key: "posters",
        path: "/posters",
        label: "nav.posters",
        icon: <PictureOutlined />,
        permission: "settings.read",
      },
    ],
  },
  {
    key: "catalog",
    label: "nav.group.catalog",
    items: [
      {
        key: "products",
        path: "/products",
        label: "nav.products",
        icon: <ShoppingOutlined />,
        permission: "catalog.read",
      },
      {
        key: "categories",
        path: "/categories",
        label: "nav.categories",
        icon: <ClusterOutlined />,
        permission: "catalog.read",
      },
      {
        key: "stock",
        path: "/stock",
        label: "nav.stock",
        icon: <DatabaseOutlined />,
        permission: "catalog.read",
      },
      {
        key: "freight",
        path: "/freight",
        label: "nav.freight",
        icon: <CarOutlined />,
        permission: "catalog.read",
      },
    ],
  },
  {
    key: "orders",
    label: "nav.group.orders",
    items: [
      {
        key: "orders",
        path: "/orders",
        label: "nav.orders",
        icon: <FileTextOutlined />,
        permission: "orders.read",
      },
      {
        key: "after-sales",
        path: "/after-sales",
        label: "nav.afterSales",
        icon: <CustomerServiceOutlined />,
        permission: "aftersale.review",
      },
      {
        key: "refund-queue",
        path: "/refund-queue",
        label: "nav.refundQueue",
        icon: <RollbackOutlined />,
        permission: "refund.execute",
      },
      {
        key: "group-buys",
        path: "/group-buys",
        label: "nav.groupBuys",
        icon: <TeamOutlined />,
        permission: "catalog.read",
      },
      {
        key: "redemptions",
        path: "/redemptions",
        label: "nav.redemptions",
        icon: <CheckCircleOutlined />,
        permission: "orders.read",
      },
    ],
  },
  {
    key: "marketing",
    label: "nav.group.marketing",
    items: [
      {
        key: "flash-sales",
        path: "/flash-sales",
        label: "nav.flashSales",
        icon: <ThunderboltOutlined />,
        permission: "marketing.read",
      },
      {
        key: "thresholds",
        path: "/thresholds",
        label: "nav.thresholds",
        icon: <PercentageOutlined />,
        permission: "marketing.read",
      },
      {
        key: "group-challenges",
        path: "/group-challenges",
        label: "nav.groupChallenges",
        icon: <TrophyOutlined />,
        permission: "marketing.read",
      },
      {
        key: "coupons",
        path: "/coupons",
        label: "nav.coupons",
        icon: <TagsOutlined />,
        permission: "marketing.read",
      },
    ],
  },
  {
    key: "distribution",
    label: "nav.group.distribution",
    items: [
      {
        key: "distributors",
        path: "/distribution/distributors",
        label: "nav.distributors",
        icon: <TeamOutlined />,
        permission: "distribution.read",
      },
      {
        key: "applications",
        path: "/distribution/applications",
        label: "nav.applications",
        icon: <SolutionOutlined />,
        permission: "distribution.read",
      },
      {
        key: "commissions",
        path: "/distribution/commissions",
        label: "nav.commissions",
        icon: <MoneyCollectOutlined />,
        permission: "distribution.read",
      },
      {
        key: "held",
        path: "/distribution/held",
        label: "nav.held",
        icon: <SafetyOutlined />,
        permission: "distribution.read",
      },
      {
        key: "withdrawals",
        path: "/distribution/withdrawals",
        label: "nav.withdrawals",
        icon: <WalletOutlined />,
        permission: "withdrawals.read",
      },
      {
        key: "bindings",
        path: "/distribution/bindings",
        label: "nav.bindings",
        icon: <LinkOutlined />,
        permission: "distribution.read",
      },
      {
        key: "grades",
        path: "/distribution/grades",
        label: "nav.grades",
        icon: <CrownOutlined />,
        permission: "distribution.read",
      },
      {
        key: "simulator",
        path: "/distribution/simulator",
        label: "nav.simulator",
        icon: <CalculatorOutlined />,
        permission: "distribution.read",
      },
      {
        key: "dist-settings",
        path: "/distribution/settings",
        label: "nav.distSettings",
        icon: <ControlOutlined />,
        permission: "distribution.read",
      },
      {
        key: "referral-tree",
        path: "/distribution/tree",
        label: "nav.referralTree",
        icon: <ClusterOutlined />,
        permission: "distribution.read",
      },
      {
        key: "dividends",
        path: "/distribution/dividends",
        label: "nav.dividends",
        icon: <GiftOutlined />,
        permission: "distribution.read",
      },
    ],
  },
  {
    key: "payments",
    label: "nav.group.payments",
    items: [
      {
        key: "payments",
        path: "/payments",
        label: "nav.paymentRecords",
        icon: <AccountBookOutlined />,
        permission: "payments.read",
      },
      {
        key: "payment-settings",
        path: "/payments/settings",
        label: "nav.paymentSettings",
        icon: <KeyOutlined />,
        permission: "payments.configure",
      },
      {
        key: "reconciliation",
        path: "/reconciliation",
        label: "nav.reconciliation",
        icon: <ReconciliationOutlined />,
        permission: "payments.read",
      },
    ],
  },
  {
    key: "service",
    label: "nav.group.service",
    items: [
      {
        key: "service-desk",
        path: "/service",
        label: "nav.serviceDesk",
        icon: <CustomerServiceOutlined />,
        permission: "service.reply",
      },
      {
        key: "service-faq",
        path: "/service/faq",
        label: "nav.serviceFaq",
        icon: <SolutionOutlined />,
        permission: "service.reply",
      },
      {
        key: "reviews",
        path: "/reviews",
        label: "nav.reviews",
        icon: <FileTextOutlined />,
        permission: "reviews.moderate",
      },
    ],
  },
  {
    key: "system",
    label: "nav.group.system",
    items: [
      {
        key: "settings",
        path: "/settings",
        label: "nav.settings",
        icon: <SettingOutlined />,
        permission: "settings.read",
      },
      { key: "staff", path: "/staff", label: "nav.staff", icon: <TeamOutlined />, permission: "staff.read" },
      {
        key: "audit",
        path: "/audit-log",
        label: "nav.audit",
        icon: <AuditOutlined />,
        permission: "audit.read",
      },
    ],
  },
];
