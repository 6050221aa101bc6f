-- The reference checkout's schema and data, verbatim from ../shared/research/performance-anchors.md §2.1
-- (./pgb/schema.sql there): loaded into a throwaway database by bench/src/checkout.ts each run.
-- throwaway checkout model
DROP TABLE IF EXISTS outbox, commission, order_item, orders, referral_closure, member, sku CASCADE;
CREATE TABLE sku (
  id          bigint PRIMARY KEY,
  price_cents integer NOT NULL,
  stock       integer NOT NULL CHECK (stock >= 0),
  sold        integer NOT NULL DEFAULT 0
);
CREATE TABLE member (
  id        bigint PRIMARY KEY,
  parent_id bigint REFERENCES member(id)
);
-- closure table: (descendant, ancestor, depth) for depth 1..3
CREATE TABLE referral_closure (
  descendant bigint NOT NULL,
  ancestor   bigint NOT NULL,
  depth      smallint NOT NULL,
  PRIMARY KEY (descendant, depth)
);
CREATE TABLE orders (
  id          bigserial PRIMARY KEY,
  member_id   bigint NOT NULL,
  total_cents integer NOT NULL,
  status      text NOT NULL DEFAULT 'placed',
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_member_idx ON orders(member_id, created_at);
CREATE TABLE order_item (
  id          bigserial PRIMARY KEY,
  order_id    bigint NOT NULL REFERENCES orders(id),
  sku_id      bigint NOT NULL,
  qty         integer NOT NULL,
  price_cents integer NOT NULL
);
CREATE INDEX order_item_order_idx ON order_item(order_id);
CREATE TABLE commission (
  id             bigserial PRIMARY KEY,
  order_id       bigint NOT NULL REFERENCES orders(id),
  beneficiary_id bigint NOT NULL,
  level          smallint NOT NULL,
  amount_cents   integer NOT NULL,
  status         text NOT NULL DEFAULT 'frozen'
);
CREATE INDEX commission_order_idx ON commission(order_id);
CREATE INDEX commission_benef_idx ON commission(beneficiary_id, status);
CREATE TABLE outbox (
  id           bigserial PRIMARY KEY,
  topic        text NOT NULL,
  aggregate_id bigint NOT NULL,
  payload      jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX outbox_unpublished_idx ON outbox(id) WHERE published_at IS NULL;

-- data: 10,000 SKUs with ample stock; 100,000 members, parent = random earlier member
INSERT INTO sku(id, price_cents, stock)
  SELECT g, 500 + (g * 37) % 20000, 1000000000 FROM generate_series(1, 10000) g;
INSERT INTO member(id, parent_id) VALUES (1, NULL), (2, 1), (3, 2);
INSERT INTO member(id, parent_id)
  SELECT g, 1 + floor(random() * (g - 1))::bigint FROM generate_series(4, 100000) g;
INSERT INTO referral_closure(descendant, ancestor, depth)
  SELECT m.id, p1.id, 1 FROM member m JOIN member p1 ON p1.id = m.parent_id
  UNION ALL
  SELECT m.id, p2.id, 2 FROM member m JOIN member p1 ON p1.id = m.parent_id JOIN member p2 ON p2.id = p1.parent_id
  UNION ALL
  SELECT m.id, p3.id, 3 FROM member m JOIN member p1 ON p1.id = m.parent_id JOIN member p2 ON p2.id = p1.parent_id JOIN member p3 ON p3.id = p2.parent_id;
VACUUM ANALYZE;
