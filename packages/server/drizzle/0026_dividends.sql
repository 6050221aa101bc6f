CREATE TABLE "contests" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"metric" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"prizes" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contests_period_check" CHECK ("contests"."starts_at" < "contests"."ends_at")
);
--> statement-breakpoint
CREATE TABLE "dividend_grades" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dividend_grades_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"rank" integer NOT NULL,
	"name" text NOT NULL,
	"rate_bps" integer NOT NULL,
	"tasks" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dividend_grades_rate_check" CHECK ("dividend_grades"."rate_bps" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "dividend_members" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"grade_id" bigint NOT NULL,
	"since" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dividend_run_lines" (
	"run_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"group_id" integer NOT NULL,
	"basis_fen" bigint NOT NULL,
	"rate_bps" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"held_back_fen" bigint NOT NULL,
	"item" text,
	CONSTRAINT "dividend_run_lines_run_id_user_id_group_id_pk" PRIMARY KEY("run_id","user_id","group_id"),
	CONSTRAINT "dividend_run_lines_money_check" CHECK ("dividend_run_lines"."amount_fen" >= 0 and "dividend_run_lines"."held_back_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "dividend_runs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dividend_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"period_key" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"turnover_fen" bigint NOT NULL,
	"eligible_orders" integer NOT NULL,
	"pool_fen" bigint NOT NULL,
	"paid_fen" bigint NOT NULL,
	"held_back_fen" bigint NOT NULL,
	"remainder_fen" bigint NOT NULL,
	"members" integer NOT NULL,
	"statement" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" bigint,
	"decided_at" timestamp with time zone,
	"decided_by" bigint,
	CONSTRAINT "dividend_runs_status_check" CHECK ("dividend_runs"."status" in ('preview', 'approved', 'discarded')),
	CONSTRAINT "dividend_runs_money_check" CHECK ("dividend_runs"."paid_fen" >= 0 and "dividend_runs"."held_back_fen" >= 0 and "dividend_runs"."remainder_fen" >= 0 and "dividend_runs"."paid_fen" + "dividend_runs"."held_back_fen" + "dividend_runs"."remainder_fen" <= "dividend_runs"."pool_fen")
);
--> statement-breakpoint
CREATE TABLE "dividend_settings" (
	"id" smallint PRIMARY KEY NOT NULL,
	"config" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dividend_settings_single_row" CHECK ("dividend_settings"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "dividend_members" ADD CONSTRAINT "dividend_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dividend_members" ADD CONSTRAINT "dividend_members_grade_id_dividend_grades_id_fk" FOREIGN KEY ("grade_id") REFERENCES "public"."dividend_grades"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contests_metric_idx" ON "contests" USING btree ("metric","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "dividend_grades_rank_key" ON "dividend_grades" USING btree ("rank");--> statement-breakpoint
CREATE INDEX "dividend_members_grade_idx" ON "dividend_members" USING btree ("grade_id","user_id");--> statement-breakpoint
CREATE INDEX "dividend_run_lines_user_idx" ON "dividend_run_lines" USING btree ("user_id","run_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dividend_runs_period_key" ON "dividend_runs" USING btree ("kind","period_key") WHERE "dividend_runs"."status" <> 'discarded';--> statement-breakpoint
-- Hand-written (kept on regeneration): the dividend runs' and leaderboards' set-based reads.
-- a pool day or team month sums the orders completed in it (their after-sale window closed)
CREATE INDEX "orders_completed_at_idx" ON "orders" USING btree ("completed_at") WHERE "orders"."status" = 'completed';--> statement-breakpoint
-- today / this week / this month leaderboards and contests read commissions by their creation time
CREATE INDEX "commissions_created_at_idx" ON "commissions" USING btree ("created_at");
