-- The fraud check's per-earner counters start from a recount of the commissions already there (in slot 0):
-- distinct orders with a commission of the earner, and of those the orders with any clawback.
INSERT INTO earner_order_counts (user_id, slot, orders, refunded_orders)
SELECT earner_user_id, 0, count(DISTINCT order_id)::int,
       (count(DISTINCT order_id) FILTER (WHERE clawed_back_fen > 0))::int
FROM commissions GROUP BY earner_user_id
ON CONFLICT (user_id, slot) DO NOTHING;
