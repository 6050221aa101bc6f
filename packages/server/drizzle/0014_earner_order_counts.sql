CREATE TABLE "earner_order_counts" (
	"user_id" bigint NOT NULL,
	"slot" integer NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"refunded_orders" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "earner_order_counts_user_id_slot_pk" PRIMARY KEY("user_id","slot"),
	CONSTRAINT "earner_order_counts_check" CHECK ("earner_order_counts"."orders" >= 0 and "earner_order_counts"."refunded_orders" >= 0)
);
