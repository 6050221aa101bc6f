ALTER TABLE "after_sales" ADD COLUMN "requested_refund_fen" bigint;--> statement-breakpoint
ALTER TABLE "after_sales" ADD COLUMN "refund_adjust_reason" text;--> statement-breakpoint
ALTER TABLE "after_sales" ADD COLUMN "restocked" boolean;--> statement-breakpoint
ALTER TABLE "stock_logs" ADD COLUMN "after_sale_id" bigint;