CREATE TABLE "team_sales_slots" (
	"user_id" bigint NOT NULL,
	"level" smallint NOT NULL,
	"slot" integer NOT NULL,
	"sales_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "team_sales_slots_user_id_level_slot_pk" PRIMARY KEY("user_id","level","slot"),
	CONSTRAINT "team_sales_slots_level_check" CHECK ("team_sales_slots"."level" between 1 and 3)
);
--> statement-breakpoint
ALTER TABLE "team_sales_slots" ADD CONSTRAINT "team_sales_slots_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;