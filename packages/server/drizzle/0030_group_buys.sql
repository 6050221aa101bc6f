CREATE TABLE "group_buy_activities" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "group_buy_activities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"product_id" bigint NOT NULL,
	"args" jsonb NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "group_buy_activities_window_check" CHECK ("group_buy_activities"."starts_at" < "group_buy_activities"."ends_at")
);
--> statement-breakpoint
CREATE TABLE "group_buy_groups" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "group_buy_groups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"activity_id" bigint NOT NULL,
	"leader_user_id" bigint NOT NULL,
	"size" integer NOT NULL,
	"status" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"virtual_members" integer DEFAULT 0 NOT NULL,
	"formed_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "group_buy_groups_status_check" CHECK ("group_buy_groups"."status" in ('open', 'formed', 'failed')),
	CONSTRAINT "group_buy_groups_size_check" CHECK ("group_buy_groups"."size" >= 2 and "group_buy_groups"."virtual_members" between 0 and "group_buy_groups"."size")
);
--> statement-breakpoint
CREATE TABLE "group_buy_members" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "group_buy_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"group_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"order_id" bigint NOT NULL,
	"role" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"refund_after_sale_id" bigint,
	CONSTRAINT "group_buy_members_role_check" CHECK ("group_buy_members"."role" in ('leader', 'member'))
);
--> statement-breakpoint
ALTER TABLE "group_buy_activities" ADD CONSTRAINT "group_buy_activities_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_buy_groups" ADD CONSTRAINT "group_buy_groups_activity_id_group_buy_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."group_buy_activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_buy_groups" ADD CONSTRAINT "group_buy_groups_leader_user_id_users_id_fk" FOREIGN KEY ("leader_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_buy_members" ADD CONSTRAINT "group_buy_members_group_id_group_buy_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."group_buy_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_buy_members" ADD CONSTRAINT "group_buy_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_buy_members" ADD CONSTRAINT "group_buy_members_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_buy_members" ADD CONSTRAINT "group_buy_members_refund_after_sale_id_after_sales_id_fk" FOREIGN KEY ("refund_after_sale_id") REFERENCES "public"."after_sales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "group_buy_activities_product_idx" ON "group_buy_activities" USING btree ("product_id","ends_at");--> statement-breakpoint
CREATE INDEX "group_buy_groups_due_idx" ON "group_buy_groups" USING btree ("expires_at") WHERE "group_buy_groups"."status" = 'open';--> statement-breakpoint
CREATE INDEX "group_buy_groups_activity_idx" ON "group_buy_groups" USING btree ("activity_id","status","id");--> statement-breakpoint
CREATE INDEX "group_buy_members_group_idx" ON "group_buy_members" USING btree ("group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "group_buy_members_order_key" ON "group_buy_members" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "group_buy_members_user_idx" ON "group_buy_members" USING btree ("user_id");