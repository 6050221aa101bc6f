CREATE TABLE "activities" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "activities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"args" jsonb NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activities_status_check" CHECK ("activities"."status" in ('active', 'stopped')),
	CONSTRAINT "activities_window_check" CHECK ("activities"."ends_at" > "activities"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "activity_skus" (
	"activity_id" bigint NOT NULL,
	"sku_id" bigint NOT NULL,
	"stock" integer,
	"sold" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "activity_skus_activity_id_sku_id_pk" PRIMARY KEY("activity_id","sku_id"),
	CONSTRAINT "activity_skus_stock_check" CHECK ("activity_skus"."stock" is null or "activity_skus"."stock" >= 0),
	CONSTRAINT "activity_skus_sold_check" CHECK ("activity_skus"."sold" >= 0)
);
--> statement-breakpoint
CREATE TABLE "coupon_templates" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "coupon_templates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"args" jsonb NOT NULL,
	"valid_from" timestamp with time zone,
	"valid_to" timestamp with time zone,
	"valid_days" integer,
	"total_quantity" integer NOT NULL,
	"issued_count" integer DEFAULT 0 NOT NULL,
	"used_count" integer DEFAULT 0 NOT NULL,
	"per_person_limit" integer DEFAULT 1 NOT NULL,
	"claimable" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coupon_templates_status_check" CHECK ("coupon_templates"."status" in ('active', 'stopped')),
	CONSTRAINT "coupon_templates_quantity_check" CHECK ("coupon_templates"."issued_count" >= 0 and "coupon_templates"."issued_count" <= "coupon_templates"."total_quantity" and "coupon_templates"."per_person_limit" >= 1),
	CONSTRAINT "coupon_templates_validity_check" CHECK (("coupon_templates"."valid_days" is not null and "coupon_templates"."valid_days" > 0) or ("coupon_templates"."valid_from" is not null and "coupon_templates"."valid_to" > "coupon_templates"."valid_from"))
);
--> statement-breakpoint
CREATE TABLE "points_balances" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "points_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"transaction_id" bigint NOT NULL,
	"account" text NOT NULL,
	"points" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_transactions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "points_transactions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"idempotency_key" text NOT NULL,
	"kind" text NOT NULL,
	"user_id" bigint NOT NULL,
	"order_id" bigint,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_coupons" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "user_coupons_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"template_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"status" text DEFAULT 'available' NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_to" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"source_ref" text,
	"used_order_id" bigint,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "user_coupons_status_check" CHECK ("user_coupons"."status" in ('available', 'used')),
	CONSTRAINT "user_coupons_used_check" CHECK (("user_coupons"."status" = 'used') = ("user_coupons"."used_order_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "activity_id" bigint;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "activity_kind" text;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "original_unit_fen" bigint;--> statement-breakpoint
ALTER TABLE "activity_skus" ADD CONSTRAINT "activity_skus_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_skus" ADD CONSTRAINT "activity_skus_sku_id_skus_id_fk" FOREIGN KEY ("sku_id") REFERENCES "public"."skus"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_balances" ADD CONSTRAINT "points_balances_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_entries" ADD CONSTRAINT "points_entries_transaction_id_points_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."points_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_transactions" ADD CONSTRAINT "points_transactions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_transactions" ADD CONSTRAINT "points_transactions_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_coupons" ADD CONSTRAINT "user_coupons_template_id_coupon_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."coupon_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_coupons" ADD CONSTRAINT "user_coupons_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_coupons" ADD CONSTRAINT "user_coupons_used_order_id_orders_id_fk" FOREIGN KEY ("used_order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_running_idx" ON "activities" USING btree ("ends_at") WHERE "activities"."status" = 'active';--> statement-breakpoint
CREATE INDEX "activities_kind_idx" ON "activities" USING btree ("kind","id");--> statement-breakpoint
CREATE INDEX "activity_skus_sku_idx" ON "activity_skus" USING btree ("sku_id");--> statement-breakpoint
CREATE INDEX "points_entries_transaction_idx" ON "points_entries" USING btree ("transaction_id");--> statement-breakpoint
CREATE UNIQUE INDEX "points_transactions_key" ON "points_transactions" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "points_transactions_user_idx" ON "points_transactions" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "user_coupons_user_idx" ON "user_coupons" USING btree ("user_id","template_id");--> statement-breakpoint
CREATE INDEX "user_coupons_order_idx" ON "user_coupons" USING btree ("used_order_id") WHERE "user_coupons"."used_order_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "user_coupons_source_key" ON "user_coupons" USING btree ("template_id","source","source_ref") WHERE "user_coupons"."source_ref" is not null;--> statement-breakpoint
CREATE INDEX "order_items_activity_idx" ON "order_items" USING btree ("activity_id") WHERE "order_items"."activity_id" is not null;