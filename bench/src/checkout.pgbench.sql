-- One place-order on OUR schema, the SQL work of POST /api/v1/orders (placeOrder + the distribution snapshot hook):
-- idempotency claim, settings and price reads, order number, order + item, guarded stock decrement with its
-- stock log row, the timeline event, the upline read and order snapshot, the idempotent response, the detail read.
-- Variables from pgbench -D: uid (buyer), addr (their address), sku (the SKU ordered). No payment/ledger rows yet:
-- there is no pay route, so the HTTP side does not pay either.
BEGIN;
SELECT nextval('order_no_seq') AS n \gset
INSERT INTO idempotency_keys(scope, key, request_hash, status_code, response_body)
  VALUES ('orders:user:' || (:uid)::text, 'pgb-' || (:n)::text, 'h', 0, '{}'::jsonb);
SELECT section, value FROM settings WHERE section IN ('orders', 'freight', 'distribution');
SELECT s.id, s.price_fen, s.stock, s.weight_grams, p.title, p.status, p.purchase_limit, p.freight_template_id
  FROM skus s JOIN products p ON p.id = s.product_id WHERE s.id = (:sku)::bigint;
SELECT id, name, phone, province_code, city_code, district_code, region_text, detail
  FROM addresses WHERE id = (:addr)::bigint AND user_id = (:uid)::bigint;
INSERT INTO orders(order_no, buyer_user_id, status, goods_fen, discount_fen, freight_fen, payable_fen, pricing,
                   address, contact_phone, placed_at, close_due_at, updated_at)
  VALUES ('B' || (:n)::text, (:uid)::bigint, 'pending_payment', 9900, 0, 0, 9900, '{"discounts":[],"freight":null}'::jsonb,
          '{"name":"bench","phone":"13900001111"}'::jsonb, '13900001111', now(), now() + interval '30 min', now())
  RETURNING id AS oid \gset
INSERT INTO order_items(order_id, product_id, sku_id, title, sku_label, unit_price_fen, quantity, list_fen,
                        discount_fen, paid_fen)
  SELECT (:oid)::bigint, product_id, id, 'bench', '', price_fen, 1, price_fen, 0, price_fen FROM skus WHERE id = (:sku)::bigint
  RETURNING id AS iid \gset
WITH u AS (UPDATE skus SET stock = stock - 1 WHERE id = (:sku)::bigint AND stock >= 1 RETURNING stock)
INSERT INTO stock_logs(sku_id, delta, stock_after, reason, order_id, user_id)
  SELECT (:sku)::bigint, -1, stock, 'order_placed', (:oid)::bigint, (:uid)::bigint FROM u;
INSERT INTO order_events(order_id, kind, from_status, to_status, actor_kind, actor_id, at)
  VALUES (:oid, 'place', NULL, 'pending_payment', 'user', (:uid)::bigint, now());
SELECT upline_user_id FROM referral_bindings WHERE user_id = (:uid)::bigint;
INSERT INTO order_distribution(order_id, buyer_user_id, chain, buyer, plan, items, placed_at)
  VALUES (:oid, (:uid)::bigint, '[]'::jsonb, '{}'::jsonb, '{}'::jsonb, '[]'::jsonb, now());
UPDATE idempotency_keys SET status_code = 201, response_body = jsonb_build_object('orderId', (:oid)::bigint)
  WHERE scope = 'orders:user:' || (:uid)::text AND key = 'pgb-' || (:n)::text;
SELECT * FROM orders WHERE id = (:oid)::bigint;
SELECT * FROM order_items WHERE order_id = (:oid)::bigint;
SELECT * FROM order_events WHERE order_id = (:oid)::bigint;
COMMIT;
