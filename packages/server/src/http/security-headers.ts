// The security headers every response carries (CSP, HSTS, nosniff, frame and referrer policies, …), as
// helmet writes them for our options. @fastify/helmet rebuilt helmet's middleware from the options on every
// request (two hooks, ~12 closures, the CSP string joined anew): 3% of the server's CPU per checkout. The
// headers do not depend on the request, so helmet runs once here and each response gets the finished list.
import type { ServerResponse } from "node:http";
import helmet, { type HelmetOptions } from "helmet";

export const HELMET_OPTIONS: HelmetOptions = {
  // The SPA and Swagger UI load their own scripts and inline styles (antd's CSS-in-JS).
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", "data:", "blob:"],
      connectSrc: ["'self'"],
      // Self-hosted shops often start on plain http inside a LAN; upgrading would break every picture.
      upgradeInsecureRequests: null,
    },
  },
};

export type SecurityHeaders = { set: Array<[string, string]>; removed: string[] };

/** The headers helmet sets (and removes) for `options`, found by running it once on a stand-in response. */
export function securityHeadersOf(options: HelmetOptions = HELMET_OPTIONS): SecurityHeaders {
  const set: Array<[string, string]> = [];
  const removed: string[] = [];
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set.push([name, Array.isArray(value) ? value.join(", ") : String(value)]);
      return response;
    },
    removeHeader(name: string) {
      removed.push(name);
    },
  };
  let failed: unknown;
  helmet(options)({} as never, response as never, (error?: unknown) => {
    failed = error;
  });
  if (failed) throw failed;
  return { set, removed };
}

/** Writes the headers onto a raw response, as helmet's middleware would. */
export function applySecurityHeaders(headers: SecurityHeaders, response: ServerResponse): void {
  for (const name of headers.removed) response.removeHeader(name);
  for (const [name, value] of headers.set) response.setHeader(name, value);
}
