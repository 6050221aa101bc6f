// Entry: the referral code from the address, language and antd-mobile locale, the session, the shop, the router.
import { ConfigProvider, reduceMotion } from "antd-mobile";
import enUS from "antd-mobile/es/locales/en-US";
import zhCN from "antd-mobile/es/locales/zh-CN";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router-dom";
import { AppRoutes } from "./AppRoutes.tsx";
import { I18nProvider, useI18n } from "./i18n/index.tsx";
import { AuthProvider } from "./lib/auth.tsx";
import { captureReferral, recordReferralVisit } from "./lib/referral.ts";
import { ShopProvider } from "./lib/shop.tsx";
import "./styles.css";

// Someone who asked their phone for less motion gets popups, toasts and swipers without their spring animations.
if (window.matchMedia?.("(prefers-reduced-motion: reduce)").matches) reduceMotion();

const arrivedBy = captureReferral();
if (arrivedBy) void recordReferralVisit(arrivedBy);

function Localised() {
  const { language } = useI18n();
  return (
    <ConfigProvider locale={language === "en" ? enUS : zhCN}>
      <AuthProvider>
        <ShopProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </ShopProvider>
      </AuthProvider>
    </ConfigProvider>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <I18nProvider>
      <Localised />
    </I18nProvider>
  </StrictMode>,
);
