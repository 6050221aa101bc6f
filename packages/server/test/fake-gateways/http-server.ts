// A tiny HTTP server on 127.0.0.1 at a random port for fake providers and notify receivers:
// the handler gets the raw body bytes, exactly as a provider or our notify route would.

import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeRequest = {
  method: string;
  path: string;
  url: URL;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
};
export type FakeResponse = { status: number; headers?: Record<string, string>; body?: string };
export type FakeServer = { url: string; close(): Promise<void> };

export async function startFakeServer(
  handle: (request: FakeRequest) => Promise<FakeResponse> | FakeResponse,
): Promise<FakeServer> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    try {
      const answer = await handle({
        method: req.method ?? "GET",
        path: url.pathname,
        url,
        headers: req.headers,
        rawBody: Buffer.concat(chunks),
      });
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body ?? "");
    } catch (error) {
      res.writeHead(500, { "Content-Type": "text/plain" });
      res.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): FakeResponse {
  return { status, headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
