// The typed API client for the web apps, tests and benchmarks, generated from the server's OpenAPI document
// (`npm run sdk:generate`). Errors come back as `{ error: { code, message, details } }`.
import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema.d.ts";

export type { paths } from "./schema.d.ts";

export type ApiError = { error: { code: string; message: string; details?: Record<string, unknown> } };

export type ApiClientOptions = {
  baseUrl?: string;
  /** Returns the current bearer token, if any. */
  getToken?: () => string | null | undefined;
  /** Called when the server says the session is gone (401), e.g. to show the login page. */
  onUnauthenticated?: () => void;
  /** Sent as Accept-Language so messages come back in the user's language. */
  getLanguage?: () => string;
};

export function createApiClient(options: ApiClientOptions = {}) {
  const client = createClient<paths>({ baseUrl: options.baseUrl ?? "" });
  const auth: Middleware = {
    onRequest({ request }) {
      const token = options.getToken?.();
      if (token) request.headers.set("authorization", `Bearer ${token}`);
      const language = options.getLanguage?.();
      if (language) request.headers.set("accept-language", language);
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) options.onUnauthenticated?.();
      return response;
    },
  };
  client.use(auth);
  return client;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** The error code of a failed call, or "NETWORK" when nothing came back. */
export function errorCodeOf(error: unknown): string {
  const code = (error as ApiError | undefined)?.error?.code;
  return typeof code === "string" ? code : "NETWORK";
}
