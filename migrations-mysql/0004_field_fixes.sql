ALTER TABLE `billing_checkouts`
  MODIFY COLUMN `customer_email` varbinary(1020);--> statement-breakpoint
ALTER TABLE `billing_customers`
  MODIFY COLUMN `external_id` varbinary(1020) NOT NULL,
  MODIFY COLUMN `email` varbinary(1020) NOT NULL,
  MODIFY COLUMN `email_lower` varbinary(3060) NOT NULL;--> statement-breakpoint
ALTER TABLE `billing_promo_codes`
  MODIFY COLUMN `code_lower` varbinary(768) NOT NULL;--> statement-breakpoint
ALTER TABLE `billing_refunds`
  MODIFY COLUMN `provider_refund_id` varbinary(1020);--> statement-breakpoint
ALTER TABLE `billing_subscription_polling_jobs`
  MODIFY COLUMN `provider_resource_id` varbinary(1020) NOT NULL,
  MODIFY COLUMN `provider_resource_id_if_pending` varbinary(1020) GENERATED ALWAYS AS ((case when `status` = 'pending' then `provider_resource_id` end)) STORED;--> statement-breakpoint
ALTER TABLE `billing_vendors`
  MODIFY COLUMN `external_id` varbinary(1020) NOT NULL,
  MODIFY COLUMN `email` varbinary(1020) NOT NULL;--> statement-breakpoint
ALTER TABLE `billing_webhook_events`
  MODIFY COLUMN `provider_event_id` varbinary(1020) NOT NULL,
  MODIFY COLUMN `type` varbinary(1020) NOT NULL;