// Entry: language, antd theme and locale, the session, and the router under /admin/.
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router-dom";
import { AppRoutes } from "./AppRoutes.tsx";
import { I18nProvider, useI18n } from "./i18n/index.tsx";
import { AuthProvider } from "./lib/auth.tsx";
import { prefersReducedMotion } from "./lib/reduced-motion.ts";
import "./styles.css";

function Themed() {
  const { language } = useI18n();
  return (
    <ConfigProvider
      locale={language === "en" ? enUS : zhCN}
      theme={{ token: { colorPrimary: "#e4393c", motion: !prefersReducedMotion } }}
    >
      <AntApp>
        <AuthProvider>
          <BrowserRouter basename="/admin">
            <AppRoutes />
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <I18nProvider>
      <Themed />
    </I18nProvider>
  </StrictMode>,
);
