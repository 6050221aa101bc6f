// The one API client of the shop, and the unwrapping of its results into data or a thrown ApiFailure.
import { createApiClient } from "@liebian/sdk";
import { readToken } from "./storage.ts";

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

/** A refused call: the server's stable code, its message and details. */
export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> | undefined,
  ) {
    super(message);
  }
}

type Outcome<T> = { data?: T; error?: unknown; response: Response };

/** Awaits an SDK call and returns its data, or throws an ApiFailure (code "NETWORK" when nothing came back). */
export async function call<T>(request: Promise<Outcome<T>>): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await request;
  } catch (error) {
    throw new ApiFailure("NETWORK", String(error), undefined);
  }
  if (outcome.error !== undefined || !outcome.response.ok) {
    const body = outcome.error as {
      error?: { code?: string; message?: string; details?: Record<string, unknown> };
    };
    throw new ApiFailure(
      body?.error?.code ?? `HTTP_${outcome.response.status}`,
      body?.error?.message ?? outcome.response.statusText,
      body?.error?.details,
    );
  }
  return outcome.data as T;
}
