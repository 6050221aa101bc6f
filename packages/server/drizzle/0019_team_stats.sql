CREATE TABLE "team_stats" (
	"user_id" bigint NOT NULL,
	"level" smallint NOT NULL,
	"members" integer DEFAULT 0 NOT NULL,
	"sales_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "team_stats_user_id_level_pk" PRIMARY KEY("user_id","level"),
	CONSTRAINT "team_stats_level_check" CHECK ("team_stats"."level" between 1 and 3)
);
--> statement-breakpoint
DROP INDEX "commissions_status_idx";--> statement-breakpoint
ALTER TABLE "team_stats" ADD CONSTRAINT "team_stats_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "commissions_held_idx" ON "commissions" USING btree ("id") WHERE "commissions"."status" = 'held';