CREATE TABLE "dividend_clawbacks" (
	"run_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"due_fen" bigint NOT NULL,
	"taken_fen" bigint NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dividend_clawbacks_run_id_user_id_pk" PRIMARY KEY("run_id","user_id"),
	CONSTRAINT "dividend_clawbacks_money_check" CHECK ("dividend_clawbacks"."taken_fen" >= 0 and "dividend_clawbacks"."taken_fen" <= "dividend_clawbacks"."due_fen")
);
--> statement-breakpoint
ALTER TABLE "dividend_run_lines" ADD COLUMN "grant_ref" text;--> statement-breakpoint
ALTER TABLE "dividend_run_lines" ADD COLUMN "fulfilled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dividend_run_lines" ADD COLUMN "fulfilled_by" bigint;--> statement-breakpoint
ALTER TABLE "dividend_runs" ADD COLUMN "clawback_turnover_fen" bigint;--> statement-breakpoint
ALTER TABLE "dividend_clawbacks" ADD CONSTRAINT "dividend_clawbacks_run_id_dividend_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."dividend_runs"("id") ON DELETE no action ON UPDATE no action;