CREATE TABLE "tracking_daily_totals" (
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"province_code" text NOT NULL,
	"events" integer NOT NULL,
	"orders" integer NOT NULL,
	"visitors" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	CONSTRAINT "tracking_daily_totals_day_kind_province_code_pk" PRIMARY KEY("day","kind","province_code")
);
--> statement-breakpoint
CREATE INDEX "tracking_daily_by_distributor_idx" ON "tracking_daily" USING btree ("distributor_user_id","day");--> statement-breakpoint
-- days rolled up before this migration: their totals from their distributor rows, as rollUpDay writes them
INSERT INTO "tracking_daily_totals" ("day", "kind", "province_code", "events", "orders", "visitors", "amount_fen")
SELECT "day", "kind", "province_code", sum("events"), sum("orders"), sum("visitors"), sum("amount_fen")
FROM "tracking_daily" GROUP BY "day", "kind", "province_code";
