CREATE TABLE "service_slots" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_slots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"product_id" bigint NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	"cancel_before_hours" integer DEFAULT 24 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_slots_places_check" CHECK ("service_slots"."capacity" > 0 and "service_slots"."booked" >= 0 and "service_slots"."booked" <= "service_slots"."capacity"),
	CONSTRAINT "service_slots_window_check" CHECK ("service_slots"."ends_at" > "service_slots"."starts_at"),
	CONSTRAINT "service_slots_cancel_check" CHECK ("service_slots"."cancel_before_hours" >= 0),
	CONSTRAINT "service_slots_status_check" CHECK ("service_slots"."status" in ('active', 'stopped'))
);
--> statement-breakpoint
CREATE TABLE "slot_bookings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "slot_bookings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"slot_id" bigint NOT NULL,
	"order_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"status" text NOT NULL,
	"booked_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "slot_bookings_status_check" CHECK ("slot_bookings"."status" in ('booked', 'cancelled'))
);
--> statement-breakpoint
ALTER TABLE "service_slots" ADD CONSTRAINT "service_slots_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_bookings" ADD CONSTRAINT "slot_bookings_slot_id_service_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."service_slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_bookings" ADD CONSTRAINT "slot_bookings_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_bookings" ADD CONSTRAINT "slot_bookings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_slots_product_idx" ON "service_slots" USING btree ("product_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "slot_bookings_order_key" ON "slot_bookings" USING btree ("order_id") WHERE "slot_bookings"."status" = 'booked';--> statement-breakpoint
CREATE INDEX "slot_bookings_slot_idx" ON "slot_bookings" USING btree ("slot_id");