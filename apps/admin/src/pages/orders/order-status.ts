// Order statuses and the colour each shows in.
export const orderStatuses = [
  "pending_payment",
  "paid",
  "shipped",
  "received",
  "completed",
  "cancelled",
  "closed",
  "refunded",
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const orderStatusColor: Record<OrderStatus, string> = {
  pending_payment: "gold",
  paid: "blue",
  shipped: "cyan",
  received: "geekblue",
  completed: "green",
  cancelled: "default",
  closed: "default",
  refunded: "magenta",
};
