// Marketing activities whose orders could pay commission (the plan's activityCommission switches, off by
// default). A kind's switch shows once its activity exists in the shop; 砍价 and 积分兑换 do not yet.
export type ActivityKind =
  | "group_buy"
  | "flash_sale"
  | "bargain"
  | "timed_discount"
  | "points_exchange"
  | "group_challenge";

export const liveActivityKinds: readonly ActivityKind[] = [
  "group_buy",
  "flash_sale",
  "timed_discount",
  "group_challenge",
];
