// The signed-in frame: the left menu (only pages the role may open), the header with staff, language and logout.
import { LogoutOutlined } from "@ant-design/icons";
import { Button, Layout, Menu, Segmented, Space, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useLocation, useNavigate } from "react-router-dom";
import { useI18n } from "../i18n/index.tsx";
import { useAuth } from "../lib/auth.tsx";
import { navGroups } from "../nav.tsx";

export function AppLayout({ children }: { children: ReactNode }) {
  const { t, language, setLanguage } = useI18n();
  const { me, can, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();

  const groups = navGroups
    .map((group) => ({
      ...group,
      items: group.items.filter((i) => i.permission === null || can(i.permission)),
    }))
    .filter((group) => group.items.length > 0);
  // the longest matching path wins, so /payments/settings does not light up /payments too
  const selected = groups
    .flatMap((g) => g.items)
    .filter((i) => (i.path === "/" ? location.pathname === "/" : location.pathname.startsWith(i.path)))
    .sort((a, b) => b.path.length - a.path.length)
    .slice(0, 1)
    .map((i) => i.key);

  return (
    <Layout hasSider style={{ minHeight: "100vh" }}>
      <Layout.Sider
        width={208}
        theme="light"
        style={{
          borderRight: "1px solid #f0f0f0",
          position: "sticky",
          top: 0,
          height: "100vh",
          overflow: "auto",
        }}
      >
        <div style={{ padding: "16px 20px", fontWeight: 600, fontSize: 18 }}>{t("app.title")}</div>
        <Menu
          mode="inline"
          style={{ borderInlineEnd: "none" }}
          selectedKeys={selected}
          defaultOpenKeys={groups.map((g) => g.key)}
          items={groups.map((group) => ({
            type: "group" as const,
            key: group.key,
            label: t(group.label),
            children: group.items.map((item) => ({
              key: item.key,
              icon: item.icon,
              label: <span data-testid={`menu-${item.key}`}>{t(item.label)}</span>,
              onClick: () => navigate(item.path),
            })),
          }))}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: "#fff",
            display: "flex",
            justifyContent: "flex-end",
            alignItems: "center",
            gap: 16,
          }}
        >
          <Segmented
            data-testid="language-switch"
            size="small"
            value={language}
            onChange={(value) => setLanguage(value as "zh" | "en")}
            options={[
              { label: "中文", value: "zh" },
              { label: "English", value: "en" },
            ]}
          />
          <Space>
            <Typography.Text data-testid="layout-staff-name">{me?.name}</Typography.Text>
            {me && <Tag color="blue">{t(`role.${me.role}`)}</Tag>}
          </Space>
          <Button data-testid="logout" icon={<LogoutOutlined />} onClick={() => void logout()}>
            {t("auth.logout")}
          </Button>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
