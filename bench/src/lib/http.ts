// A minimal JSON client for benchmarks: node:http over kept-alive connections (the load generator shares
// the machine's two cores with the server and PostgreSQL; global fetch costs it several times the CPU per
// request). `must` throws on a non-2xx.
import http from "node:http";

export type Reply = { status: number; body: any };

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

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
  const payload = body === undefined ? undefined : JSON.stringify(body);
  if (payload !== undefined) {
    headers["content-type"] = "application/json";
    headers["content-length"] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(url, base), { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        try {
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null });
        } catch (error) {
          reject(error);
        }
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(payload);
  });
}

export async function must(base: string, method: string, url: string, body?: unknown, token?: string) {
  const res = await call(base, method, url, body, token);
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
