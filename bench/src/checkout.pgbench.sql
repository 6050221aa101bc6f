-- One whole checkout on OUR schema: exactly the statements the server sends for one order placed and paid
-- (captured with log_statement=all on a throwaway database), in the same order, one round trip each, with
-- the same transactions: POST /orders with `pay` (1 transaction, then 1 autocommit starting the trade), POST
-- /pay/sandbox/complete (the signed notification's transaction, applied in-process; the link names its payer).
-- Sessions and settings come from the server's in-process copies (5 s and 2 s), so they send no statement.
-- Half the orders buy 1 SKU and half 2 distinct SKUs (1–2 of each) from the bench catalogue; the buyer is a
-- random bench shopper, bound to a distributor (level 1) under a top distributor (level 2).
-- Values the server computes in Node (prices, freight, commission amounts) are computed here in SQL or
-- pgbench expressions. 11 statements for a 2-SKU order: 6 of them POST /orders with its pay link (40 and 17 before it
-- read its facts in one statement and wrote in two), 5 paying it (21 before the pay link started its trade in its read and the
-- notification locked and loaded in one statement and wrote in one; 8 before the ledger's two statements became
-- one and the pay link named its payer) (`npm run bench -- checkout-statements`). The server
-- names its parameterised statements (db/named-statements.ts), so `-M prepared` is what it does; the bench
-- runs `-M extended` for comparison with earlier results.
-- Variables from pgbench -D: uid_first, shoppers, addr_first, mid_first, per_mid, top, sku_first, sku_last.
\set i random(0, :shoppers - 1)
\set uid :uid_first + :i
\set addr :addr_first + :i
\set l1 :mid_first + :i / :per_mid
\set a random(:sku_first, :sku_last)
\set b random(:sku_first, :sku_last - 1)
\set b case when :b >= :a then :b + 1 else :b end
\set two random(0, 1)
\set lo case when :two = 1 then least(:a, :b) else :a end
\set hi case when :two = 1 then greatest(:a, :b) else :a end
\set qlo random(1, 2)
\set qhi case when :two = 1 then random(1, 2) else :qlo end
\set nqlo -:qlo
\set nqhi -:qhi
-- POST /api/v1/orders
BEGIN;
INSERT INTO idempotency_keys (scope, key, request_hash, status_code, response_body)
  VALUES ('orders:' || 'user' || ':' || :uid::text, gen_random_uuid()::text, md5(random()::text), 0, '{}')
  ON CONFLICT DO NOTHING RETURNING key AS ikey \gset
-- checkout's one read: SKUs with products, address, freight templates, buyer's phone, referral chain (the
-- pricing engine's activities and the settings come from the server's in-process copies)
SELECT (SELECT sum(x.price_fen * CASE WHEN x.id = :lo::bigint THEN :qlo::int ELSE :qhi::int END) FROM (
          SELECT s.id, s.product_id, s.spec_values, s.price_fen, s.stock, s.weight_grams, s.image_url, s.commission_rule,
                 s.archived, p.title, p.images, p.status, p.spec_axes, p.purchase_limit, p.kind, p.service_valid_days,
                 p.freight_template_id, p.category_id, p.commission_rule AS pr
          FROM skus s JOIN products p ON p.id = s.product_id WHERE s.id = ANY(ARRAY[:lo, :hi]::bigint[])) x) AS goods,
       (SELECT coalesce(json_agg(x), '[]'::json) FROM (
          SELECT s.id, s.product_id, s.spec_values, s.price_fen, s.stock, s.weight_grams, s.image_url, s.commission_rule,
                 s.archived, p.title, p.images, p.status, p.spec_axes, p.purchase_limit, p.kind, p.service_valid_days,
                 p.freight_template_id, p.category_id, p.commission_rule AS pr
          FROM skus s JOIN products p ON p.id = s.product_id WHERE s.id = ANY(ARRAY[:lo, :hi]::bigint[])) x) AS skus,
       (SELECT row_to_json(a) FROM (
          SELECT name, phone, province_code, city_code, district_code, region_text, detail
          FROM addresses WHERE id = :addr AND user_id = :uid) a) AS address,
       (SELECT coalesce(json_agg(t), '[]'::json) FROM (
          SELECT id, mode, default_rule, region_rules, free_over_fen, free_over_pieces FROM freight_templates
          WHERE id IN (SELECT p.freight_template_id FROM skus s JOIN products p ON p.id = s.product_id
                       WHERE s.id = ANY(ARRAY[:lo, :hi]::bigint[]))) t) AS freight_templates,
       (SELECT phone FROM users WHERE id = :uid) AS buyer_phone,
       (SELECT coalesce(json_agg(c), '[]'::json) FROM (
          WITH RECURSIVE up(id, depth) AS (
            SELECT b.upline_user_id, 1 FROM referral_bindings b
            WHERE b.user_id = :uid AND (b.expires_at IS NULL OR b.expires_at > now())
            UNION ALL
            SELECT b.upline_user_id, up.depth + 1 FROM up JOIN referral_bindings b ON b.user_id = up.id
            WHERE (b.expires_at IS NULL OR b.expires_at > now()) AND up.depth < 3
          ) CYCLE id SET is_cycle USING path,
          chain AS (SELECT :uid::bigint AS id, 0 AS depth UNION ALL SELECT id, depth FROM up WHERE NOT is_cycle)
          SELECT c.id, c.depth, d.status, g.rates_bps FROM chain c
            LEFT JOIN distributors d ON d.user_id = c.id LEFT JOIN distributor_grades g ON g.id = d.grade_id
          ORDER BY c.depth) c WHERE true) AS chain \gset
\set freight case when :goods >= 5000 then 0 else 800 end
-- the order (its number from the sequence) and its lines in one statement
WITH placed AS (
  INSERT INTO orders (order_no, buyer_user_id, status, activity_kind, goods_fen, discount_fen, freight_fen, payable_fen,
                      pricing, delivery, address, contact_phone, buyer_remark, placed_at, close_due_at, updated_at)
  VALUES (to_char(now(), 'YYYYMMDDHH24MISS') || lpad((nextval('order_no_seq') % 100000000)::text, 8, '0'), :uid,
          'pending_payment', NULL, :goods, 0, :freight, :goods::bigint + :freight::bigint,
          '{"discounts": [], "freight": {"totalFen": 0, "templates": []}, "freightWaivedFen": 0, "pointsUsed": 0}', 'shipping',
          '{"name": "压测", "phone": "13900001111", "detail": "某处 1 号", "cityCode": "110100", "regionText": "北京市 东城区", "districtCode": "110101", "provinceCode": "110000"}',
          '13900001111', '', now(), now() + interval '30 minutes', now())
  RETURNING *),
lines AS (
  INSERT INTO order_items (order_id, product_id, sku_id, title, sku_label, image_url, unit_price_fen, quantity, list_fen,
                           discount_fen, paid_fen, activity_id, activity_kind, original_unit_fen)
  SELECT placed.id, s.product_id, s.id, p.title, '款式' || ':' || '款1', NULL, s.price_fen, s.q, s.price_fen * s.q, 0,
         s.price_fen * s.q, NULL, NULL, NULL
  FROM placed, (SELECT *, CASE WHEN id = :lo::bigint THEN :qlo::int ELSE :qhi::int END AS q FROM skus
                WHERE id = ANY(ARRAY[:lo, :hi]::bigint[])) s
  JOIN products p ON p.id = s.product_id
  RETURNING *)
SELECT placed.id AS oid, placed.order_no AS ono, placed.payable_fen AS payable,
       (SELECT min(id) FROM lines) AS item1, (SELECT max(id) FROM lines) AS item2,
       (SELECT min(paid_fen) FILTER (WHERE sku_id = :lo) FROM lines) AS paid1,
       (SELECT coalesce(min(paid_fen) FILTER (WHERE sku_id = :hi AND :two = 1), 0) FROM lines) AS paid2,
       (SELECT json_agg(lines ORDER BY lines.id) FROM lines) AS items
FROM placed \gset
\set c11 :paid1 / 10
\set c12 :paid1 / 20
\set n11 -:c11
\set n12 -:c12
\set c21 :paid2 / 10
\set c22 :paid2 / 20
\set n21 -:c21
\set n22 -:c22
\set npayable -:payable
-- the stock (SKU rows locked in id order, guarded decrements, stock logs), the timeline's first event, the
-- distribution snapshot, the outbox message and the answer under the Idempotency-Key in one statement
WITH wanted AS (
  SELECT * FROM (VALUES (:lo::bigint, :qlo::int), (:hi::bigint, :qhi::int)) v(sku_id, quantity) WHERE :two = 1 OR sku_id = :lo),
locked AS (SELECT id FROM skus WHERE id = ANY(ARRAY(SELECT sku_id FROM wanted)) ORDER BY id FOR NO KEY UPDATE),
moved AS (
  UPDATE skus s SET stock = s.stock - w.quantity FROM wanted w
  WHERE s.id = w.sku_id AND s.id = ANY(ARRAY(SELECT id FROM locked)) AND s.stock - w.quantity >= 0
  RETURNING s.id, s.stock, w.quantity),
logged AS (
  INSERT INTO stock_logs (sku_id, delta, stock_after, reason, order_id, user_id)
  SELECT id, -quantity, stock, 'order_placed', :oid, :uid FROM moved),
placed_event AS (
  INSERT INTO order_events (order_id, kind, actor_kind, actor_id, at) VALUES (:oid, 'place', 'user', :uid, now())),
snapshot AS (
  INSERT INTO order_distribution (order_id, buyer_user_id, placed_at, plan, chain, buyer, items, activity_kind)
  SELECT :oid, :uid, now(), d.plan, d.chain, d.buyer, d.items, d.activity_kind
  FROM jsonb_to_record(jsonb_build_object(
    'plan', '{"v": 1, "base": "paid", "capBps": 3000, "levels": 2, "enabled": true, "release": {"days": 7, "mode": "after_receipt"}, "ratesBps": [1000, 500, 0], "selfPurchase": false, "activityCommission": {"bargain": false, "group_buy": false, "flash_sale": false, "timed_discount": false, "points_exchange": false}, "groupBuyLeaderBonusBps": 0}'::jsonb,
    'chain', '[{"userId": "6", "isActiveDistributor": true}, {"userId": "5", "isActiveDistributor": true}]'::jsonb,
    'buyer', '{"userId": "7", "isActiveDistributor": false}'::jsonb,
    'items', '[{"listFen": 3975, "paidFen": 3975, "quantity": 1, "productId": 9, "orderItemId": 7}, {"listFen": 5328, "paidFen": 5328, "quantity": 2, "productId": 13, "orderItemId": 8}]'::jsonb,
    'activity_kind', NULL)) AS d(plan jsonb, chain jsonb, buyer jsonb, items jsonb, activity_kind text)
  ON CONFLICT DO NOTHING),
message AS (
  INSERT INTO outbox (topic, payload, created_at, next_attempt_at)
  VALUES ('order.placed', jsonb_build_object('orderId', :oid::bigint, 'buyerUserId', :uid::bigint, 'payableFen', :payable::bigint), now(), now())),
answer AS (
  UPDATE idempotency_keys SET status_code = 201, response_body = jsonb_build_object('orderId', :oid::bigint)
  WHERE scope = 'orders:' || 'user' || ':' || :uid::text AND key = :ikey)
SELECT id AS sku, stock FROM moved;
COMMIT;
-- the pay link asked for with the order (`pay`): the order read and its pending trade started in one statement
WITH o AS (
  SELECT o.id, o.order_no, o.buyer_user_id, o.status, o.payable_fen, o.wallet_fen, o.close_due_at,
         (SELECT (array_agg(i.title ORDER BY i.id))[1] FROM order_items i WHERE i.order_id = o.id) AS first_title,
         (SELECT count(*)::int FROM order_items i WHERE i.order_id = o.id) AS item_count
  FROM orders o WHERE o.order_no = :ono),
started AS (
  INSERT INTO payments (order_id, order_no, provider, out_trade_no, amount_fen, status, created_at)
  SELECT id, order_no, 'sandbox', order_no, payable_fen, 'pending', now() FROM o
  WHERE buyer_user_id = :uid AND status = 'pending_payment' AND close_due_at > now() AND wallet_fen = 0
    AND NOT EXISTS (SELECT 1 FROM payments WHERE provider = 'sandbox' AND out_trade_no = o.order_no AND status = 'pending')
  RETURNING id)
SELECT o.*, (SELECT id FROM started) AS started_id FROM o;
-- POST /api/v1/pay/sandbox/complete, which delivers the signed notification to POST /api/v1/payments/notify/sandbox
-- (the order's status after it comes from the payment's own outcome: no read after the commit)
BEGIN;
-- lock and load in one statement: the order, its snapshot, the fraud facts of the buyer and the snapshot's
-- chain, and the buyer's uplines share-locked link by link (for the team counters)
WITH target AS (
  SELECT o.id, o.buyer_user_id, d.chain FROM orders o JOIN order_distribution d ON d.order_id = o.id
  WHERE o.order_no = :ono AND o.status = 'pending_payment' AND o.paid_at IS NULL),
people AS (SELECT buyer_user_id AS id FROM target
           UNION SELECT (m->>'userId')::bigint FROM target, jsonb_array_elements(target.chain) m),
fraud AS (
  SELECT id AS "userId", 'phone' AS kind, phone AS value FROM users WHERE id = any(array(SELECT id FROM people))
  UNION ALL SELECT user_id, 'phone', phone FROM addresses WHERE user_id = any(array(SELECT id FROM people))
  UNION ALL SELECT user_id, 'address', region_text || detail FROM addresses WHERE user_id = any(array(SELECT id FROM people))
  UNION ALL SELECT user_id, 'payout', account_hash FROM withdrawals WHERE user_id = any(array(SELECT id FROM people))
  UNION ALL SELECT buyer_user_id, 'order_phone', contact_phone FROM orders WHERE id = (SELECT id FROM target)
  UNION ALL SELECT buyer_user_id, 'order_address', (address->>'regionText') || (address->>'detail') FROM orders WHERE id = (SELECT id FROM target)
  UNION ALL SELECT user_id, 'orders', sum(orders)::text FROM earner_order_counts WHERE user_id = any(array(SELECT id FROM people)) GROUP BY user_id
  UNION ALL SELECT user_id, 'refunded', sum(refunded_orders)::text FROM earner_order_counts WHERE user_id = any(array(SELECT id FROM people)) GROUP BY user_id
  UNION ALL SELECT upline_user_id, 'bind', floor(extract(epoch FROM at) * 1000)::bigint::text FROM (
    SELECT upline_user_id, at, row_number() OVER (PARTITION BY upline_user_id ORDER BY at DESC) AS n
    FROM referral_binding_history WHERE upline_user_id = any(array(SELECT id FROM people)) AND at > now() - interval '1 hour') b
  WHERE n <= 1000),
b1 AS (SELECT upline_user_id AS id FROM referral_bindings WHERE user_id = (SELECT buyer_user_id FROM orders WHERE order_no = :ono) FOR SHARE),
b2 AS (SELECT upline_user_id AS id FROM referral_bindings WHERE user_id = (SELECT id FROM b1) FOR SHARE),
b3 AS (SELECT upline_user_id AS id FROM referral_bindings WHERE user_id = (SELECT id FROM b2) FOR SHARE)
SELECT o.*, d.*,
  (SELECT coalesce(jsonb_agg(jsonb_build_array(f."userId", f.kind, f.value)), '[]') FROM fraud f) AS fraud_facts,
  array_remove(ARRAY[(SELECT id FROM b1), (SELECT id FROM b2), (SELECT id FROM b3)], NULL) AS uplines
FROM orders o LEFT JOIN order_distribution d ON d.order_id = o.id WHERE o.order_no = :ono FOR UPDATE OF o;
-- everything the payment caused, in one statement: payment row, order move and its timeline, snapshot stamp,
-- commission rows, earner counters, team sales slots, product sales slots, outbox, the provider's event
WITH filled AS (
  UPDATE payments SET transaction_id = 'sbx_tx_' || :oid::text, status = 'paid', paid_at = now()
  WHERE id = (SELECT id FROM payments WHERE provider = 'sandbox' AND out_trade_no = :ono AND status = 'pending'
              AND amount_fen = :payable ORDER BY id LIMIT 1)
    AND NOT EXISTS (SELECT 1 FROM payments WHERE provider = 'sandbox' AND transaction_id = 'sbx_tx_' || :oid::text)
  RETURNING id),
inserted AS (
  INSERT INTO payments (order_id, order_no, provider, out_trade_no, transaction_id, amount_fen, status, created_at, paid_at)
  SELECT :oid, :ono, 'sandbox', :ono, 'sbx_tx_' || :oid::text, :payable, 'paid', now(), now()
  WHERE NOT EXISTS (SELECT 1 FROM filled)
  ON CONFLICT (provider, transaction_id) DO NOTHING RETURNING id),
paid AS (SELECT id FROM filled UNION ALL SELECT id FROM inserted),
moved AS (
  UPDATE orders SET status = 'paid', paid_at = now(), payment_provider = 'sandbox', payment_transaction_id = 'sbx_tx_' || :oid::text,
                    close_due_at = NULL, updated_at = now()
  WHERE id = :oid AND status = 'pending_payment' AND EXISTS (SELECT 1 FROM paid) RETURNING id),
timeline AS (
  INSERT INTO order_events (order_id, kind, from_status, to_status, actor_kind, actor_id, note, at)
  SELECT id, 'pay', 'pending_payment', 'paid', 'system', NULL, 'sandbox sbx_tx_' || :oid::text, now() FROM moved),
stamped AS (
  UPDATE order_distribution SET paid_at = coalesce(paid_at, now()) WHERE order_id = (SELECT id FROM moved)),
commission AS (
  INSERT INTO commissions (order_id, order_item_id, level, earner_user_id, buyer_user_id, item_fen, base_fen, rate_bps,
                           fixed_fen_per_unit, quantity, rate_source, amount_fen, status, hold_reasons, due_at, created_at)
  SELECT (SELECT id FROM moved), v.item, v.level, v.earner, :uid, v.paid, v.paid, v.rate, NULL, v.q, 'plan', v.amount, 'frozen', '[]', NULL, now()
  FROM (VALUES (:item1::bigint, 1, :l1::bigint, :paid1::bigint, 1000, :qlo::int, :c11::bigint),
               (:item1::bigint, 2, :top::bigint, :paid1::bigint, 500, :qlo::int, :c12::bigint),
               (:item2::bigint, 1, :l1::bigint, :paid2::bigint, 1000, :qhi::int, :c21::bigint),
               (:item2::bigint, 2, :top::bigint, :paid2::bigint, 500, :qhi::int, :c22::bigint))
       v(item, level, earner, paid, rate, q, amount)
  WHERE v.paid > 0 AND EXISTS (SELECT 1 FROM moved)
  ON CONFLICT DO NOTHING RETURNING id, earner_user_id, level, amount_fen, status),
counted AS (
  INSERT INTO earner_order_counts (user_id, slot, orders)
  SELECT e, pg_backend_pid() % 32, 1 FROM (SELECT DISTINCT earner_user_id AS e FROM commission) e ORDER BY e
  ON CONFLICT (user_id, slot) DO UPDATE SET orders = earner_order_counts.orders + 1),
team AS (
  INSERT INTO team_sales_slots (user_id, level, slot, sales_fen)
  SELECT d."userId", d.level, pg_backend_pid() % 64, d."salesFen" FROM jsonb_to_recordset(jsonb_build_array(
      jsonb_build_object('userId', :top::bigint, 'level', 2, 'members', 0, 'salesFen', :payable::bigint),
      jsonb_build_object('userId', :l1::bigint, 'level', 1, 'members', 0, 'salesFen', :payable::bigint)))
    AS d ("userId" bigint, level smallint, "salesFen" bigint)
  WHERE EXISTS (SELECT 1 FROM moved)
  ORDER BY 1, 2
  ON CONFLICT (user_id, level, slot) DO UPDATE SET sales_fen = team_sales_slots.sales_fen + excluded.sales_fen),
sold AS (
  INSERT INTO product_sales_slots (product_id, slot, quantity)
  SELECT product_id, pg_backend_pid() % 16, sum(quantity)::int FROM order_items WHERE order_id = (SELECT id FROM moved)
  GROUP BY product_id ORDER BY product_id
  ON CONFLICT (product_id, slot) DO UPDATE SET quantity = product_sales_slots.quantity + excluded.quantity),
message AS (
  INSERT INTO outbox (topic, payload, created_at, next_attempt_at)
  SELECT 'order.paid', jsonb_build_object('orderId', :oid::bigint, 'buyerUserId', :uid::bigint, 'provider', 'sandbox', 'amountFen', :payable::bigint), now(), now()
  FROM moved
  UNION ALL
  SELECT 'commission.created', jsonb_build_object('orderId', :oid::bigint, 'commissions', jsonb_agg(jsonb_build_object(
      'commissionId', id, 'earnerUserId', earner_user_id, 'level', level, 'amountFen', amount_fen, 'status', status) ORDER BY id)), now(), now()
  FROM commission HAVING count(*) > 0),
logged AS (
  INSERT INTO provider_events (provider, event_id, kind, outcome, reason, order_no, transaction_id, amount_fen, received_at)
  SELECT 'sandbox', 'evt_' || :oid::text, 'payment', CASE WHEN EXISTS (SELECT 1 FROM paid) THEN 'paid' ELSE 'duplicate' END, NULL,
         :ono, 'sbx_tx_' || :oid::text, :payable, now())
SELECT EXISTS (SELECT 1 FROM paid) AS paid, EXISTS (SELECT 1 FROM moved) AS moved;
-- every ledger transaction of the order in one statement (the shared commission_frozen account, migration 0049)
WITH t AS (
  INSERT INTO ledger_transactions (idempotency_key, kind, meta, created_at)
  SELECT k, kind, meta, now() FROM (VALUES
      ('comm:' || :item1::text || ':' || 'L1', 'commission_frozen', jsonb_build_object('level', 1, 'orderId', :oid::bigint, 'orderItemId', :item1::bigint), :c11::bigint),
      ('comm:' || :item1::text || ':' || 'L2', 'commission_frozen', jsonb_build_object('level', 2, 'orderId', :oid::bigint, 'orderItemId', :item1::bigint), :c12::bigint),
      ('comm:' || :item2::text || ':' || 'L1', 'commission_frozen', jsonb_build_object('level', 1, 'orderId', :oid::bigint, 'orderItemId', :item2::bigint), :c21::bigint),
      ('comm:' || :item2::text || ':' || 'L2', 'commission_frozen', jsonb_build_object('level', 2, 'orderId', :oid::bigint, 'orderItemId', :item2::bigint), :c22::bigint),
      ('pay:' || 'sandbox' || ':' || 'sbx_tx_' || :oid::text, 'payment', jsonb_build_object('orderNo', :ono::text), :payable::bigint))
    v(k, kind, meta, amount) WHERE amount > 0
  ON CONFLICT (idempotency_key) DO NOTHING RETURNING id, idempotency_key),
line AS (
  SELECT t.id AS transaction_id, l.code, l.amount_fen FROM (VALUES
      ('comm:' || :item1::text || ':' || 'L1', 'merchant_revenue', :c11::bigint), ('comm:' || :item1::text || ':' || 'L1', 'commission_frozen', :n11::bigint),
      ('comm:' || :item1::text || ':' || 'L2', 'merchant_revenue', :c12::bigint), ('comm:' || :item1::text || ':' || 'L2', 'commission_frozen', :n12::bigint),
      ('comm:' || :item2::text || ':' || 'L1', 'merchant_revenue', :c21::bigint), ('comm:' || :item2::text || ':' || 'L1', 'commission_frozen', :n21::bigint),
      ('comm:' || :item2::text || ':' || 'L2', 'merchant_revenue', :c22::bigint), ('comm:' || :item2::text || ':' || 'L2', 'commission_frozen', :n22::bigint),
      ('pay:' || 'sandbox' || ':' || 'sbx_tx_' || :oid::text, 'gateway_clearing' || ':' || 'sandbox', :payable::bigint),
      ('pay:' || 'sandbox' || ':' || 'sbx_tx_' || :oid::text, 'merchant_revenue', :npayable::bigint))
    AS l(k, code, amount_fen) JOIN t ON t.idempotency_key = l.k WHERE l.amount_fen <> 0),
delta AS (SELECT code, sum(amount_fen)::bigint AS delta FROM line GROUP BY code),
slotted AS (
  SELECT a.id, a.code, d.delta FROM ledger_accounts a JOIN delta d ON d.code = a.code
  WHERE a.code = any(array(SELECT code FROM delta))),
slot AS (
  INSERT INTO ledger_balance_slots (account_id, slot, balance_fen)
  SELECT id, pg_backend_pid() % 16, delta FROM slotted ORDER BY code
  ON CONFLICT (account_id, slot) DO UPDATE SET balance_fen = ledger_balance_slots.balance_fen + excluded.balance_fen),
entry AS (
  INSERT INTO ledger_entries (transaction_id, account_id, amount_fen)
  SELECT line.transaction_id, slotted.id, line.amount_fen FROM line JOIN slotted ON slotted.code = line.code)
SELECT count(*) FROM t;
COMMIT;
