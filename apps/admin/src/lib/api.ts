// The one API client of the console, and the unwrapping of its results into data or a thrown ApiFailure.
import { createApiClient } from "@liebian/sdk";
import { readToken } from "./session.ts";

let onSessionLost: () => void = () => {};
let currentLanguage = "zh-CN";

/** The auth provider registers what to do when the server says the session is gone. */
export function setSessionLostHandler(handler: () => void): void {
  onSessionLost = handler;
}

export function setApiLanguage(language: string): void {
  currentLanguage = language;
}

export const api = createApiClient({
  getToken: readToken,
  onUnauthenticated: () => onSessionLost(),
  getLanguage: () => currentLanguage,
});

export { ApiFailure, call } from "@liebian/sdk";
