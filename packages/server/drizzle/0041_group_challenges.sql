CREATE TABLE "group_challenge_refunds" (
	"activity_id" bigint NOT NULL,
	"order_id" bigint NOT NULL,
	"after_sale_id" bigint NOT NULL,
	"refund_fen" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "group_challenge_refunds_activity_id_order_id_pk" PRIMARY KEY("activity_id","order_id"),
	CONSTRAINT "group_challenge_refunds_fen_check" CHECK ("group_challenge_refunds"."refund_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "group_challenge_results" (
	"activity_id" bigint PRIMARY KEY NOT NULL,
	"participants" integer NOT NULL,
	"pay_bps" integer NOT NULL,
	"settled_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "after_sale_items" DROP CONSTRAINT "after_sale_items_quantity_check";--> statement-breakpoint
ALTER TABLE "group_challenge_refunds" ADD CONSTRAINT "group_challenge_refunds_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_challenge_refunds" ADD CONSTRAINT "group_challenge_refunds_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_challenge_refunds" ADD CONSTRAINT "group_challenge_refunds_after_sale_id_after_sales_id_fk" FOREIGN KEY ("after_sale_id") REFERENCES "public"."after_sales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_challenge_results" ADD CONSTRAINT "group_challenge_results_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "after_sale_items" ADD CONSTRAINT "after_sale_items_quantity_check" CHECK ("after_sale_items"."quantity" > 0 or ("after_sale_items"."quantity" = 0 and "after_sale_items"."refund_fen" > 0));