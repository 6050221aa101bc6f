CREATE TABLE "points_shop_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "points_shop_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"sku_id" bigint NOT NULL,
	"points" integer NOT NULL,
	"cash_fen" bigint DEFAULT 0 NOT NULL,
	"stock" integer NOT NULL,
	"redeemed" integer DEFAULT 0 NOT NULL,
	"per_person_limit" integer,
	"on_sale" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "points_shop_items_amounts_check" CHECK ("points_shop_items"."points" > 0 and "points_shop_items"."cash_fen" >= 0 and "points_shop_items"."stock" >= 0 and "points_shop_items"."redeemed" >= 0 and ("points_shop_items"."per_person_limit" is null or "points_shop_items"."per_person_limit" > 0))
);
--> statement-breakpoint
CREATE TABLE "points_shop_redemptions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "points_shop_redemptions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"item_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"order_id" bigint NOT NULL,
	"points" integer NOT NULL,
	"cash_fen" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "points_shop_items" ADD CONSTRAINT "points_shop_items_sku_id_skus_id_fk" FOREIGN KEY ("sku_id") REFERENCES "public"."skus"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_shop_redemptions" ADD CONSTRAINT "points_shop_redemptions_item_id_points_shop_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."points_shop_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_shop_redemptions" ADD CONSTRAINT "points_shop_redemptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_shop_redemptions" ADD CONSTRAINT "points_shop_redemptions_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "points_shop_items_on_sale_idx" ON "points_shop_items" USING btree ("on_sale","id");--> statement-breakpoint
CREATE UNIQUE INDEX "points_shop_redemptions_order_key" ON "points_shop_redemptions" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "points_shop_redemptions_user_idx" ON "points_shop_redemptions" USING btree ("item_id","user_id");