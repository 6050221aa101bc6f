// The four main screens share a bottom tab bar; the page scrolls above it.
import { TabBar } from "antd-mobile";
import { Outlet, useLocation, useNavigate } from "react-router-dom";
import { useI18n } from "../i18n/index.tsx";
import { CartIcon, GridIcon, HomeIcon, UserIcon } from "./icons.tsx";

const tabs = [
  { key: "/", icon: <HomeIcon />, label: "tab.home" },
  { key: "/categories", icon: <GridIcon />, label: "tab.categories" },
  { key: "/cart", icon: <CartIcon />, label: "tab.cart" },
  { key: "/me", icon: <UserIcon />, label: "tab.me" },
] as const;

export function TabLayout() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  return (
    <div className="tab-layout">
      <div className="tab-layout-body">
        <Outlet />
      </div>
      <TabBar className="tab-bar" activeKey={pathname} onChange={(key) => navigate(key)} safeArea>
        {tabs.map((tab) => (
          <TabBar.Item
            key={tab.key}
            icon={tab.icon}
            title={t(tab.label)}
            data-testid={`tab-${tab.key.slice(1) || "home"}`}
          />
        ))}
      </TabBar>
    </div>
  );
}
