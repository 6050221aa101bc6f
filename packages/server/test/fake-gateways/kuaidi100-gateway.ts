// A fake 快递100 (poll/query.do): checks the form and the signature MD5(param + key + customer) exactly as
// the real one, then answers per tracking number what the test set: a route, "no result yet", a garbled
// body, or nothing at all until the caller gives up (a slow carrier). Records every request it saw.
import { createHash } from "node:crypto";
import { json, startFakeServer } from "./http-server.ts";

export type FakeParcel =
  | { kind: "route"; state: string; data: { context: string; time: string }[] }
  | { kind: "not_found" }
  | { kind: "malformed" }
  | { kind: "slow" };

export type Kuaidi100Fake = {
  url: string;
  customer: string;
  key: string;
  parcels: Map<string, FakeParcel>;
  requests: { com: string; num: string; phone?: string }[];
  close(): Promise<void>;
};

export async function startKuaidi100Fake(): Promise<Kuaidi100Fake> {
  const customer = "FAKECUSTOMER0000000000000000000A";
  const key = "fakeKuaidi100Key";
  const parcels = new Map<string, FakeParcel>();
  const requests: Kuaidi100Fake["requests"] = [];
  const held: Array<() => void> = [];
  const server = await startFakeServer(async (request) => {
    if (request.path !== "/poll/query.do" || request.method !== "POST")
      return json(404, { result: false, returnCode: "404", message: "not found" });
    if (!String(request.headers["content-type"]).startsWith("application/x-www-form-urlencoded"))
      return json(200, { result: false, returnCode: "400", message: "找不到对应公司" });
    const form = new URLSearchParams(request.rawBody.toString("utf8"));
    const param = form.get("param") ?? "";
    const expected = createHash("md5")
      .update(param + key + (form.get("customer") ?? ""))
      .digest("hex")
      .toUpperCase();
    if (form.get("customer") !== customer || form.get("sign") !== expected)
      return json(200, { result: false, returnCode: "601", message: "POLL:KEY已过期或签名错误" });
    const asked = JSON.parse(param) as { com: string; num: string; phone?: string };
    requests.push(asked);
    const parcel = parcels.get(asked.num) ?? { kind: "not_found" };
    if (parcel.kind === "not_found")
      return json(200, { result: false, returnCode: "500", message: "查询无结果，请隔段时间再查" });
    if (parcel.kind === "malformed")
      return { status: 200, headers: { "Content-Type": "text/html" }, body: "<html>502 Bad Gateway</html>" };
    if (parcel.kind === "slow") {
      await new Promise<void>((resolve) => held.push(resolve));
      return json(200, { message: "ok", status: "200", state: "0", data: [] });
    }
    return json(200, {
      message: "ok",
      nu: asked.num,
      ischeck: parcel.state === "3" ? "1" : "0",
      condition: "F00",
      com: asked.com,
      status: "200",
      state: parcel.state,
      data: parcel.data.map((d) => ({ ...d, ftime: d.time })),
    });
  });
  return {
    ...server,
    customer,
    key,
    parcels,
    requests,
    close: async () => {
      for (const release of held) release();
      await server.close();
    },
  };
}
