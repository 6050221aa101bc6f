ALTER TABLE "points_balances" ADD COLUMN "pending" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "points_transactions" ADD COLUMN "points" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "points_transactions" ADD COLUMN "owed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "points_transactions_order_idx" ON "points_transactions" USING btree ("order_id") WHERE "points_transactions"."order_id" is not null;--> statement-breakpoint
ALTER TABLE "points_balances" ADD CONSTRAINT "points_balances_sign_check" CHECK ("points_balances"."points" >= 0 and "points_balances"."pending" >= 0);