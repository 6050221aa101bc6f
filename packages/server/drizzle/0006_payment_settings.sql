CREATE TABLE "payment_settings" (
	"provider" text PRIMARY KEY NOT NULL,
	"enabled" boolean NOT NULL,
	"public" jsonb NOT NULL,
	"secrets_sealed" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payment_settings_provider_known" CHECK ("payment_settings"."provider" in ('wechat','alipay'))
);
