// The terminal at the default level is for people: no line per request. At debug each request is one line.
import { Writable } from "node:stream";
import { expect, test } from "vitest";
import { startTestApp } from "../support/test-app.ts";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

test("at info a request writes no log line; at debug it writes one with the status", async () => {
  const info = capture();
  const quiet = await startTestApp({}, { logger: { level: "info", stream: info.stream } });
  expect((await quiet.client.get("/healthz")).status).toBe(200);
  expect(info.lines).toEqual([]);

  const debug = capture();
  const chatty = await startTestApp({}, { logger: { level: "debug", stream: debug.stream } });
  await chatty.client.get("/healthz");
  const entries = debug.lines.map((line) => JSON.parse(line));
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({ level: 20, msg: "request completed", url: "/healthz", statusCode: 200 });
});
