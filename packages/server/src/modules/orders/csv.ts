// Orders as CSV for the merchant's spreadsheet: one row per order line, amounts in yuan, quoted per RFC 4180,
// and cells that a spreadsheet would run as a formula are prefixed with a quote.
import { fen, formatYuan } from "@liebian/domain";
import type { OrderItemRow, OrderRow } from "./repo.ts";

const header = [
  "订单号",
  "状态",
  "下单时间",
  "付款时间",
  "收货人",
  "电话",
  "地址",
  "商品",
  "规格",
  "数量",
  "单价",
  "实付(行)",
  "运费",
  "应付",
  "买家备注",
  "商家备注",
];

// The merchant reads the sheet in Chinese on the Shanghai clock, like the rest of the console.
const statusText: Record<OrderRow["status"], string> = {
  pending_payment: "待付款",
  paid: "待发货",
  shipped: "已发货",
  received: "已收货",
  completed: "已完成",
  cancelled: "已取消",
  closed: "已关闭",
  refunded: "已退款",
};

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** "2026-12-01 19:10:39" in Shanghai time (UTC+8 all year). */
function shanghaiTime(at: Date | null): string | null {
  if (!at) return null;
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

function cell(value: string | number | null): string {
  let text = value === null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function ordersToCsv(orders: OrderRow[], items: OrderItemRow[]): string {
  const lines = [header.join(",")];
  for (const order of orders) {
    for (const item of items.filter((i) => i.orderId === order.id)) {
      lines.push(
        [
          order.orderNo,
          statusText[order.status] ?? order.status,
          shanghaiTime(order.placedAt),
          shanghaiTime(order.paidAt),
          order.address?.name ?? "",
          order.address?.phone ?? "",
          order.address ? `${order.address.regionText} ${order.address.detail}` : "",
          item.title,
          item.skuLabel,
          item.quantity,
          formatYuan(fen(item.unitPriceFen)),
          formatYuan(fen(item.paidFen)),
          formatYuan(fen(order.freightFen)),
          formatYuan(fen(order.payableFen)),
          order.buyerRemark,
          order.merchantRemark,
        ]
          .map(cell)
          .join(","),
      );
    }
  }
  // The BOM makes Excel read the file as UTF-8.
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
