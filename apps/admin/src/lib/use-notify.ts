// Toasts for the outcome of a staff action: a success line, or the refused call explained in the user's language.
import { App } from "antd";
import { useCallback } from "react";
import { type MessageKey, useI18n } from "../i18n/index.tsx";
import { errorText } from "./errors.ts";

export function useNotify() {
  const { message } = App.useApp();
  const { t } = useI18n();
  const failed = useCallback((error: unknown) => message.error(errorText(error, t)), [message, t]);
  const done = useCallback((key: MessageKey = "common.saved") => message.success(t(key)), [message, t]);
  return { failed, done };
}
