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
          order.status,
          order.placedAt.toISOString(),
          order.paidAt?.toISOString() ?? null,
          order.address.name,
          order.address.phone,
          `${order.address.regionText} ${order.address.detail}`,
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
