import { expect, test } from "vitest";
import type { MessageKey } from "../i18n/index.tsx";
import { zh } from "../i18n/zh.ts";
import { timelineNote } from "./timeline-note.ts";

const t = (key: MessageKey) => zh[key];

test.each([
  {
    label: "a sandbox payment names the method",
    kind: "pay",
    note: "sandbox sbx_tx_1",
    expected: "模拟支付（沙箱）",
  },
  { label: "a refund shows its amount as money", kind: "refund", note: "#1 3990", expected: "#1 ¥39.90" },
  {
    label: "the after-sale kind reads in words",
    kind: "after_sale_request",
    note: "#2 refund_only 不想要了",
    expected: "#2 仅退款 不想要了",
  },
  { label: "a system move says so", kind: "confirm_receipt", note: "auto", expected: "系统自动" },
  { label: "a parcel note stays as written", kind: "ship", note: "顺丰速运 SF1", expected: "顺丰速运 SF1" },
])("$label → $expected", ({ kind, note, expected }) => {
  expect(timelineNote(kind, note, t)).toBe(expected);
});
