// Marketing activities whose orders could pay commission. The shop has none of them yet (no 拼团, 秒杀, 砍价,
// 限时折扣 or 积分兑换), so their switches stay hidden; a kind joins this list when its activity ships.
export type ActivityKind = "group_buy" | "flash_sale" | "bargain" | "timed_discount" | "points_exchange";

export const liveActivityKinds: readonly ActivityKind[] = [];
