-- The reference checkout, verbatim from ../shared/research/performance-anchors.md §2.1 (./pgb/checkout.sql):
-- the raw-SQL limit our checkout is compared with, run by pgbench in the same bench run.
-- one checkout: 2 SKUs locked in id order, guarded decrement, order + 2 items,
-- 3 commission rows from the 3-level referral chain, 1 outbox row
\set uid random(4, 100000)
\set s1 random(1, 5000)
\set s2 :s1 + random(1, 5000)
\set q1 random(1, 3)
\set q2 random(1, 3)
BEGIN;
WITH u AS (UPDATE sku SET stock = stock - :q1, sold = sold + :q1
           WHERE id = :s1 AND stock >= :q1 RETURNING price_cents)
SELECT count(*) AS ok1, coalesce(max(price_cents), 0) AS p1 FROM u \gset
WITH u AS (UPDATE sku SET stock = stock - :q2, sold = sold + :q2
           WHERE id = :s2 AND stock >= :q2 RETURNING price_cents)
SELECT count(*) AS ok2, coalesce(max(price_cents), 0) AS p2 FROM u \gset
\if :ok1 + :ok2 = 2
\set total :p1 * :q1 + :p2 * :q2
INSERT INTO orders(member_id, total_cents) VALUES (:uid, :total) RETURNING id AS oid \gset
INSERT INTO order_item(order_id, sku_id, qty, price_cents)
  VALUES (:oid, :s1, :q1, :p1), (:oid, :s2, :q2, :p2);
INSERT INTO commission(order_id, beneficiary_id, level, amount_cents)
  SELECT :oid, ancestor, depth, (:total * CASE depth WHEN 1 THEN 10 WHEN 2 THEN 5 ELSE 2 END) / 100
  FROM referral_closure WHERE descendant = :uid AND depth <= 3;
INSERT INTO outbox(topic, aggregate_id, payload)
  VALUES ('order.placed', :oid, jsonb_build_object('order_id', :oid, 'member_id', :uid, 'total_cents', :total));
COMMIT;
\else
ROLLBACK;
\endif
