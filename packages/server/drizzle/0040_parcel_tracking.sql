CREATE TABLE "wechat_push_cursor" (
	"id" integer PRIMARY KEY NOT NULL,
	"last_notification_id" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wechat_pushes" (
	"notification_id" bigint PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"errcode" integer,
	"detail" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parcel_tracks" (
	"shipment_id" bigint PRIMARY KEY NOT NULL,
	"order_id" bigint NOT NULL,
	"carrier_code" text,
	"tracking_no" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"events" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"checked_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"signed_at" timestamp with time zone,
	"shipped_at" timestamp with time zone NOT NULL,
	CONSTRAINT "parcel_tracks_state_check" CHECK ("parcel_tracks"."state" in ('pending', 'in_transit', 'delivering', 'signed', 'problem', 'returned'))
);
--> statement-breakpoint
ALTER TABLE "wechat_pushes" ADD CONSTRAINT "wechat_pushes_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parcel_tracks" ADD CONSTRAINT "parcel_tracks_shipment_id_shipments_id_fk" FOREIGN KEY ("shipment_id") REFERENCES "public"."shipments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parcel_tracks" ADD CONSTRAINT "parcel_tracks_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "parcel_tracks_due_idx" ON "parcel_tracks" USING btree ("due_at") WHERE "parcel_tracks"."due_at" is not null;--> statement-breakpoint
CREATE INDEX "parcel_tracks_order_idx" ON "parcel_tracks" USING btree ("order_id");