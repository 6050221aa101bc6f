// "Me": profile, order shortcuts by status, the shop balance, points (spendable, and pending), addresses,
// after-sales, the distribution centre, language, logout.
import { Avatar, Badge, Button, Dialog, List, Selector } from "antd-mobile";
import type { ReactNode } from "react";
import { Link, useNavigate } from "react-router-dom";
import { BoxIcon, DoneIcon, ReturnIcon, TruckIcon, WalletIcon } from "../components/icons.tsx";
import { type MessageKey, useI18n } from "../i18n/index.tsx";
import { api, call } from "../lib/api.ts";
import { useAuth } from "../lib/auth.tsx";
import { maskPhone } from "../lib/format.ts";
import { formatFen } from "../lib/money.ts";
import { pointsApi } from "../lib/points-api.ts";
import { serviceApi } from "../lib/service-api.ts";
import { useShop } from "../lib/shop.tsx";
import { useLoad } from "../lib/use-load.ts";
import { walletApi } from "../lib/wallet-api.ts";

/** Unread notices of the message centre, as a red count. */
function MessagesUnread() {
  const [unread] = useLoad(() => call(api.GET("/api/v1/notifications/unread")), "messages");
  return unread && unread.unread > 0 ? (
    <Badge content={unread.unread} data-testid="me-messages-unread" />
  ) : null;
}

/** The unread answers of customer service, as a red count. */
function ServiceUnread() {
  const [unread] = useLoad(() => serviceApi.unread(), "service");
  return unread && unread.unread > 0 ? (
    <Badge content={unread.unread} data-testid="me-service-unread" />
  ) : null;
}

const shortcuts: { status: string; label: MessageKey; icon: ReactNode }[] = [
  { status: "pending_payment", label: "order.status.pending_payment", icon: <WalletIcon /> },
  { status: "paid", label: "order.status.paid", icon: <BoxIcon /> },
  { status: "shipped", label: "order.status.shipped", icon: <TruckIcon /> },
  { status: "completed", label: "order.status.completed", icon: <DoneIcon /> },
];

export function MePage() {
  const { t, language, setLanguage } = useI18n();
  const { user, signedIn, signOut } = useAuth();
  const shop = useShop();
  const navigate = useNavigate();
  const [wallet] = useLoad(async () => (signedIn ? walletApi.balance() : null), signedIn ? "in" : "out");
  const [points] = useLoad(async () => (signedIn ? pointsApi.mine() : null), signedIn ? "in" : "out");

  const logout = async () => {
    if (await Dialog.confirm({ content: t("auth.logoutConfirm") })) await signOut();
  };

  return (
    <div className="page me-page">
      <div className="me-header" data-testid="me-header">
        <Avatar src={user?.avatarUrl ?? ""} className="me-avatar" />
        {signedIn ? (
          <div>
            <div className="me-nickname" data-testid="me-nickname">
              {user?.nickname ?? ""}
            </div>
            <div className="me-phone" data-testid="me-phone">
              {maskPhone(user?.phone)}
            </div>
          </div>
        ) : (
          <Link to="/login" className="me-login" data-testid="me-login">
            <div className="me-nickname">{t("me.login")}</div>
            <div className="me-phone">{t("me.loginHint")}</div>
          </Link>
        )}
      </div>

      <div className="card me-orders">
        <div className="card-head">
          <span>{t("me.orders")}</span>
          <Link to="/orders" className="muted small" data-testid="me-orders-all">
            {t("me.allOrders")} ›
          </Link>
        </div>
        <div className="me-shortcuts">
          {shortcuts.map((s) => (
            <Link key={s.status} to={`/orders?status=${s.status}`} data-testid={`me-orders-${s.status}`}>
              <span className="me-shortcut-icon">{s.icon}</span>
              <span>{t(s.label)}</span>
            </Link>
          ))}
          <Link to="/after-sales" data-testid="me-after-sales">
            <span className="me-shortcut-icon">
              <ReturnIcon />
            </span>
            <span>{t("me.afterSales")}</span>
          </Link>
        </div>
      </div>

      <List className="card me-list">
        {signedIn && (
          <List.Item
            onClick={() => navigate("/wallet")}
            description={t("me.walletHint")}
            extra={
              <span className="me-wallet-amount" data-testid="me-wallet-balance">
                {wallet ? formatFen(wallet.balanceFen) : "—"}
              </span>
            }
            data-testid="me-wallet"
          >
            {t("me.wallet")}
          </List.Item>
        )}
        {signedIn && (
          <List.Item
            onClick={() => navigate("/me/points")}
            description={
              points && points.pending > 0 ? t("points.pendingN", { n: points.pending }) : undefined
            }
            extra={<span data-testid="me-points-balance">{points ? points.points : "—"}</span>}
            data-testid="me-points"
          >
            {t("points.mine")}
          </List.Item>
        )}
        {signedIn && (
          <List.Item onClick={() => navigate("/me/coupons")} data-testid="me-coupons">
            {t("coupon.mine")}
          </List.Item>
        )}
        <List.Item onClick={() => navigate("/points-shop")} data-testid="me-points-shop">
          {t("pointsShop.title")}
        </List.Item>
        <List.Item onClick={() => navigate("/coupons")} data-testid="me-coupon-centre">
          {t("coupon.centre")}
        </List.Item>
        <List.Item onClick={() => navigate("/distribution")} data-testid="me-distribution">
          {t("me.distribution")}
        </List.Item>
        <List.Item onClick={() => navigate("/addresses")} data-testid="me-addresses">
          {t("me.addresses")}
        </List.Item>
        {signedIn && (
          <List.Item
            onClick={() => navigate("/me/phone")}
            extra={maskPhone(user?.phone)}
            data-testid="me-change-phone"
          >
            {t("phone.title")}
          </List.Item>
        )}
        {signedIn && (
          <List.Item
            onClick={() => navigate("/messages")}
            extra={<MessagesUnread />}
            data-testid="me-messages"
          >
            {t("messages.title")}
          </List.Item>
        )}
        {signedIn && (
          <List.Item onClick={() => navigate("/service")} extra={<ServiceUnread />} data-testid="me-service">
            {t("service.title")}
          </List.Item>
        )}
        {shop.servicePhone && (
          <List.Item extra={<a href={`tel:${shop.servicePhone}`}>{shop.servicePhone}</a>}>
            {t("me.service")}
          </List.Item>
        )}
        <List.Item
          extra={
            <Selector
              className="lang-selector"
              value={[language]}
              onChange={(v) => v[0] && setLanguage(v[0])}
              options={[
                { label: "中文", value: "zh" as const },
                { label: "English", value: "en" as const },
              ]}
              data-testid="me-language"
            />
          }
        >
          {t("me.language")}
        </List.Item>
      </List>

      {signedIn && (
        <div className="me-logout">
          <Button block onClick={logout} data-testid="me-logout">
            {t("auth.logout")}
          </Button>
        </div>
      )}
    </div>
  );
}
