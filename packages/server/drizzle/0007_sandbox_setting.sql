-- The sandbox provider's on/off switch (支付设置) is stored beside the real providers.
ALTER TABLE "payment_settings" DROP CONSTRAINT "payment_settings_provider_known";--> statement-breakpoint
ALTER TABLE "payment_settings" ADD CONSTRAINT "payment_settings_provider_known" CHECK ("payment_settings"."provider" in ('sandbox','wechat','alipay'));