CREATE TABLE "product_sales_slots" (
	"product_id" bigint NOT NULL,
	"slot" integer NOT NULL,
	"quantity" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "product_sales_slots_product_id_slot_pk" PRIMARY KEY("product_id","slot")
);
--> statement-breakpoint
ALTER TABLE "product_sales_slots" ADD CONSTRAINT "product_sales_slots_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;