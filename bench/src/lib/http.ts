// A minimal JSON client for benchmarks: one fetch per call, the body parsed, `must` throwing on a non-2xx.
export type Reply = { status: number; body: any };

export async function call(
  base: string,
  method: string,
  url: string,
  body?: unknown,
  token?: string,
  extra: Record<string, string> = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...extra };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(base + url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export async function must(base: string, method: string, url: string, body?: unknown, token?: string) {
  const res = await call(base, method, url, body, token);
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
