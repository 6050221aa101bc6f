CREATE TABLE "tracking_daily" (
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"distributor_user_id" bigint NOT NULL,
	"province_code" text NOT NULL,
	"events" integer NOT NULL,
	"orders" integer NOT NULL,
	"visitors" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	CONSTRAINT "tracking_daily_day_kind_distributor_user_id_province_code_pk" PRIMARY KEY("day","kind","distributor_user_id","province_code")
);
--> statement-breakpoint
CREATE TABLE "tracking_daily_products" (
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"product_id" bigint NOT NULL,
	"events" integer NOT NULL,
	"orders" integer NOT NULL,
	"quantity" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	CONSTRAINT "tracking_daily_products_day_kind_product_id_pk" PRIMARY KEY("day","kind","product_id")
);
--> statement-breakpoint
CREATE TABLE "tracking_dirty_days" (
	"day" date PRIMARY KEY NOT NULL,
	"marked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tracking_events" (
	"id" bigserial NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"distributor_user_id" bigint,
	"ref_code" text,
	"outcome" text,
	"visitor_user_id" bigint,
	"visitor_key" text,
	"product_id" bigint,
	"order_id" bigint,
	"amount_fen" bigint,
	"items" jsonb,
	"province_code" text,
	"source" text,
	"dedupe_key" text,
	CONSTRAINT "tracking_events_at_id_pk" PRIMARY KEY("at","id")
) PARTITION BY RANGE ("at");
--> statement-breakpoint
-- Hand-written: months without their own partition land here; jobs/roll-up-tracking.ts adds a partition
-- per coming month so old months can be detached or dropped whole.
CREATE TABLE "tracking_events_default" PARTITION OF "tracking_events" DEFAULT;
--> statement-breakpoint
CREATE INDEX "tracking_daily_distributor_idx" ON "tracking_daily" USING btree ("kind","day","distributor_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tracking_events_dedupe_key" ON "tracking_events" USING btree ("dedupe_key","at");