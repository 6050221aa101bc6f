// One outbound HTTP call with a deadline. A timeout or network error becomes PROVIDER_UNAVAILABLE
// (retryable: the request may have landed, so the caller queries before anything else).
// Never logs: URLs may carry secrets (WeChat login puts the app secret in the query string).

import type { ProviderFailure } from "./provider.ts";

export type HttpRequest = {
  method: "GET" | "POST";
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
};

export type HttpAnswer = { ok: true; status: number; headers: Headers; text: string };

export async function httpCall(request: HttpRequest): Promise<HttpAnswer | ProviderFailure> {
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
      redirect: "manual",
    });
    const text = await response.text();
    return { ok: true, status: response.status, headers: response.headers, text };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return unavailable(timedOut ? "provider did not answer in time" : "provider unreachable");
  }
}

export function unavailable(message: string, providerCode?: string): ProviderFailure {
  return { ok: false, code: "PROVIDER_UNAVAILABLE", message, retryable: true, providerCode };
}

export function responseInvalid(message: string): ProviderFailure {
  return { ok: false, code: "PROVIDER_RESPONSE_INVALID", message, retryable: true };
}

export function rejected(message: string, providerCode?: string): ProviderFailure {
  return { ok: false, code: "PROVIDER_REJECTED", message, retryable: false, providerCode };
}

export function invalidRequest(message: string): ProviderFailure {
  return { ok: false, code: "INVALID_REQUEST", message, retryable: false };
}

export function notFound(message: string, providerCode?: string): ProviderFailure {
  return { ok: false, code: "NOT_FOUND", message, retryable: false, providerCode };
}
