// Alipay's signing string and the raw *_response node used for answer verification.

import { expect, test } from "vitest";
import { extractJsonNode, signContent } from "./sign.ts";

test("parameters sorted by key, sign (and empty values) left out, values as decoded text", () => {
  expect(
    signContent(
      {
        sign: "x",
        method: "alipay.trade.query",
        app_id: "2014072300007148",
        biz_content: '{"a":"1"}',
        empty: "",
        charset: "utf-8",
      },
      ["sign"],
    ),
  ).toBe('app_id=2014072300007148&biz_content={"a":"1"}&charset=utf-8&method=alipay.trade.query');
});

test("the response node is cut byte for byte, braces and escaped quotes inside strings included", () => {
  const node = '{"code":"10000","msg":"Success","subject":"a } b \\" { c","nested":{"x":1},"cn":"\\u4e2d"}';
  const text = `{"alipay_trade_query_response":${node},"sign":"abc"}`;
  expect(extractJsonNode(text, "alipay_trade_query_response")).toBe(node);
  expect(extractJsonNode(text, "error_response")).toBeNull();
});
