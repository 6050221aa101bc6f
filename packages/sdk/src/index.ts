// The typed API client for the web apps, tests and benchmarks, generated from the server's OpenAPI document
// (`npm run sdk:generate`). Errors come back as `{ error: { code, message, details } }`.
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema.d.ts";

export type { components, paths } from "./schema.d.ts";

/** The body of every refusal, from the server's one list of codes (errors/error-codes.ts) via the OpenAPI document. */
export type ApiError = components["schemas"]["ErrorResponse"];
/** Every code the server can answer with; `INTERNAL` is a 500. */
export type ErrorCode = ApiError["error"]["code"];

type JsonBody<R> = R extends { content: { "application/json": infer B } } ? B : never;
/** The JSON body a route answers with when it succeeds (its 200, else its 201), e.g. `ResponseOf<"/api/v1/cart", "get">`. */
export type ResponseOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: infer S }
    ? JsonBody<S>
    : R extends { 201: infer S }
      ? JsonBody<S>
      : never
  : never;

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

/** What a failed call says went wrong: the server's code, or that no answer (or no error body) came back. */
export type FailureCode = ErrorCode | "NETWORK" | `HTTP_${number}`;

/** A refused call: the server's stable code, its message and details. */
export class ApiFailure extends Error {
  constructor(
    readonly code: FailureCode,
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
    const body = outcome.error as Partial<ApiError> | undefined;
    throw new ApiFailure(
      body?.error?.code ?? `HTTP_${outcome.response.status}`,
      body?.error?.message ?? outcome.response.statusText,
      body?.error?.details,
    );
  }
  return outcome.data as T;
}
