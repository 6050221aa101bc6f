CREATE TABLE "commissions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "commissions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"order_id" bigint NOT NULL,
	"order_item_id" bigint NOT NULL,
	"level" integer NOT NULL,
	"earner_user_id" bigint NOT NULL,
	"buyer_user_id" bigint NOT NULL,
	"item_fen" bigint NOT NULL,
	"base_fen" bigint NOT NULL,
	"rate_bps" integer,
	"fixed_fen_per_unit" bigint,
	"quantity" integer NOT NULL,
	"rate_source" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"clawed_back_fen" bigint DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"hold_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"due_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "commissions_level_check" CHECK ("commissions"."level" between 0 and 3),
	CONSTRAINT "commissions_money_check" CHECK ("commissions"."amount_fen" > 0 and "commissions"."clawed_back_fen" between 0 and "commissions"."amount_fen" and "commissions"."base_fen" >= 0),
	CONSTRAINT "commissions_status_check" CHECK ("commissions"."status" in ('frozen', 'settled', 'cancelled', 'held'))
);
--> statement-breakpoint
CREATE TABLE "distribution_rewards" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "distribution_rewards_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"earner_user_id" bigint NOT NULL,
	"order_id" bigint NOT NULL,
	"invitee_user_id" bigint,
	"amount_fen" bigint NOT NULL,
	"business_date" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "distribution_rewards_amount_check" CHECK ("distribution_rewards"."amount_fen" > 0),
	CONSTRAINT "distribution_rewards_kind_check" CHECK ("distribution_rewards"."kind" in ('first_order', 'invite'))
);
--> statement-breakpoint
CREATE TABLE "distributor_applications" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "distributor_applications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" bigint NOT NULL,
	"status" text NOT NULL,
	"real_name" text NOT NULL,
	"phone" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"reject_reason" text,
	"reviewed_by" bigint,
	"created_at" timestamp with time zone NOT NULL,
	"reviewed_at" timestamp with time zone,
	CONSTRAINT "distributor_applications_status_check" CHECK ("distributor_applications"."status" in ('pending', 'approved', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "distributor_grades" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "distributor_grades_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"rank" integer NOT NULL,
	"name" text NOT NULL,
	"tasks" jsonb NOT NULL,
	"rates_bps" jsonb,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "distributor_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "distributor_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" bigint NOT NULL,
	"action" text NOT NULL,
	"from_value" text,
	"to_value" text,
	"reason" text,
	"staff_id" bigint,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "distributors" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"invite_code" text NOT NULL,
	"grade_id" bigint,
	"granted_via" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "distributors_status_check" CHECK ("distributors"."status" in ('active', 'frozen', 'removed'))
);
--> statement-breakpoint
CREATE TABLE "order_distribution" (
	"order_id" bigint PRIMARY KEY NOT NULL,
	"buyer_user_id" bigint NOT NULL,
	"chain" jsonb NOT NULL,
	"buyer" jsonb NOT NULL,
	"plan" jsonb NOT NULL,
	"items" jsonb NOT NULL,
	"activity_kind" text,
	"placed_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"received_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "referral_binding_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "referral_binding_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" bigint NOT NULL,
	"upline_user_id" bigint NOT NULL,
	"previous_upline_user_id" bigint,
	"source" text NOT NULL,
	"product_id" bigint,
	"scene" text,
	"reason" text,
	"staff_id" bigint,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referral_bindings" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"upline_user_id" bigint NOT NULL,
	"source" text NOT NULL,
	"product_id" bigint,
	"scene" text,
	"bound_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	"protected_until" timestamp with time zone NOT NULL,
	CONSTRAINT "referral_bindings_not_self" CHECK ("referral_bindings"."user_id" <> "referral_bindings"."upline_user_id")
);
--> statement-breakpoint
CREATE TABLE "referral_visits" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "referral_visits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"distributor_user_id" bigint NOT NULL,
	"visitor_user_id" bigint,
	"source" text NOT NULL,
	"product_id" bigint,
	"scene" text,
	"outcome" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "withdrawals" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "withdrawals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" bigint NOT NULL,
	"method" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"fee_fen" bigint NOT NULL,
	"net_fen" bigint NOT NULL,
	"status" text NOT NULL,
	"real_name_sealed" text NOT NULL,
	"account_sealed" text NOT NULL,
	"real_name_masked" text NOT NULL,
	"account_masked" text NOT NULL,
	"account_hash" text NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"out_bill_no" text NOT NULL,
	"business_date" text NOT NULL,
	"reject_reason" text,
	"failure_reason" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"reviewed_by" bigint,
	"requested_at" timestamp with time zone NOT NULL,
	"reviewed_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	CONSTRAINT "withdrawals_money_check" CHECK ("withdrawals"."amount_fen" > 0 and "withdrawals"."fee_fen" >= 0 and "withdrawals"."net_fen" = "withdrawals"."amount_fen" - "withdrawals"."fee_fen"),
	CONSTRAINT "withdrawals_status_check" CHECK ("withdrawals"."status" in ('requested', 'approved', 'paying', 'paid', 'failed', 'rejected'))
);
--> statement-breakpoint
ALTER TABLE "distributor_applications" ADD CONSTRAINT "distributor_applications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "distributors" ADD CONSTRAINT "distributors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_bindings" ADD CONSTRAINT "referral_bindings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_bindings" ADD CONSTRAINT "referral_bindings_upline_user_id_users_id_fk" FOREIGN KEY ("upline_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "commissions_item_level_key" ON "commissions" USING btree ("order_item_id","level");--> statement-breakpoint
CREATE INDEX "commissions_due_idx" ON "commissions" USING btree ("due_at") WHERE "commissions"."status" = 'frozen';--> statement-breakpoint
CREATE INDEX "commissions_earner_idx" ON "commissions" USING btree ("earner_user_id","id");--> statement-breakpoint
CREATE INDEX "commissions_order_idx" ON "commissions" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "commissions_status_idx" ON "commissions" USING btree ("status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "distribution_rewards_first_order_key" ON "distribution_rewards" USING btree ("earner_user_id") WHERE "distribution_rewards"."kind" = 'first_order';--> statement-breakpoint
CREATE UNIQUE INDEX "distribution_rewards_invite_key" ON "distribution_rewards" USING btree ("earner_user_id","invitee_user_id") WHERE "distribution_rewards"."kind" = 'invite';--> statement-breakpoint
CREATE INDEX "distribution_rewards_earner_idx" ON "distribution_rewards" USING btree ("earner_user_id","business_date");--> statement-breakpoint
CREATE UNIQUE INDEX "distributor_applications_pending_key" ON "distributor_applications" USING btree ("user_id") WHERE "distributor_applications"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "distributor_applications_status_idx" ON "distributor_applications" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "distributor_applications_user_idx" ON "distributor_applications" USING btree ("user_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "distributor_grades_rank_key" ON "distributor_grades" USING btree ("rank");--> statement-breakpoint
CREATE INDEX "distributor_history_user_idx" ON "distributor_history" USING btree ("user_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "distributors_invite_code_key" ON "distributors" USING btree ("invite_code");--> statement-breakpoint
CREATE INDEX "distributors_status_idx" ON "distributors" USING btree ("status","joined_at");--> statement-breakpoint
CREATE INDEX "referral_binding_history_user_idx" ON "referral_binding_history" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "referral_binding_history_upline_idx" ON "referral_binding_history" USING btree ("upline_user_id","at");--> statement-breakpoint
CREATE INDEX "referral_bindings_upline_idx" ON "referral_bindings" USING btree ("upline_user_id","bound_at");--> statement-breakpoint
CREATE INDEX "referral_visits_distributor_idx" ON "referral_visits" USING btree ("distributor_user_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "withdrawals_out_bill_no_key" ON "withdrawals" USING btree ("out_bill_no");--> statement-breakpoint
CREATE INDEX "withdrawals_user_idx" ON "withdrawals" USING btree ("user_id","business_date");--> statement-breakpoint
CREATE INDEX "withdrawals_status_idx" ON "withdrawals" USING btree ("status","id");