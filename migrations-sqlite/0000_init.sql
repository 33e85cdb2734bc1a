CREATE TABLE `billing_addons` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`active` integer NOT NULL,
	`unit_amount` integer NOT NULL,
	`currency` text NOT NULL,
	`billing_interval` text NOT NULL,
	`billing_interval_count` integer NOT NULL,
	`compatible_plan_ids` text NOT NULL,
	`allow_multiple` integer NOT NULL,
	`max_quantity` integer,
	`entitlements` text NOT NULL,
	`limits` text NOT NULL,
	`metadata` text NOT NULL,
	`livemode` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE INDEX `billing_addons_name_idx` ON `billing_addons` (`name`);--> statement-breakpoint
CREATE INDEX `billing_addons_livemode_created_at_idx` ON `billing_addons` (`livemode`,`created_at`);--> statement-breakpoint
CREATE TABLE `billing_audit_logs` (
	`id` text PRIMARY KEY NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`action` text NOT NULL,
	`actor_type` text,
	`actor_id` text,
	`changes` text,
	`ip_address` text,
	`user_agent` text,
	`livemode` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `billing_audit_logs_entity_created_at_idx` ON `billing_audit_logs` (`entity_type`,`entity_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_audit_logs_actor_created_at_idx` ON `billing_audit_logs` (`actor_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_audit_logs_created_at_idx` ON `billing_audit_logs` (`created_at`);--> statement-breakpoint
CREATE TABLE `billing_checkouts` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text,
	`customer_email` text,
	`mode` text NOT NULL,
	`status` text NOT NULL,
	`currency` text NOT NULL,
	`line_items` text NOT NULL,
	`success_url` text NOT NULL,
	`cancel_url` text NOT NULL,
	`expires_at` integer NOT NULL,
	`payment_id` text,
	`subscription_id` text,
	`provider_session_ids` text NOT NULL,
	`metadata` text NOT NULL,
	`livemode` integer NOT NULL,
	`created_at` integer NOT NULL,
	`completed_at` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `billing_customers`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`payment_id`) REFERENCES `billing_payments`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`subscription_id`) REFERENCES `billing_subscriptions`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `billing_checkouts_customer_created_at_idx` ON `billing_checkouts` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_checkouts_livemode_created_at_idx` ON `billing_checkouts` (`livemode`,`created_at`);--> statement-breakpoint
CREATE TABLE `billing_currencies` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`minor_units` integer NOT NULL,
	`symbol` text,
	`active` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `billing_customer_entitlements` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`entitlement_key` text NOT NULL,
	`granted_at` integer NOT NULL,
	`expires_at` integer,
	`source` text NOT NULL,
	`source_id` text,
	`livemode` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `billing_customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `billing_customer_entitlements_customer_key_uq` ON `billing_customer_entitlements` (`customer_id`,`entitlement_key`);--> statement-breakpoint
CREATE INDEX `billing_customer_entitlements_source_idx` ON `billing_customer_entitlements` (`source`,`source_id`);--> statement-breakpoint
CREATE TABLE `billing_customer_limits` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`limit_key` text NOT NULL,
	`max_value` integer NOT NULL,
	`current_value` integer NOT NULL,
	`reset_at` integer,
	`source` text NOT NULL,
	`source_id` text,
	`livemode` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `billing_customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `billing_customer_limits_customer_key_uq` ON `billing_customer_limits` (`customer_id`,`limit_key`);--> statement-breakpoint
CREATE INDEX `billing_customer_limits_source_idx` ON `billing_customer_limits` (`source`,`source_id`);--> statement-breakpoint
CREATE TABLE `billing_customers` (
	`id` text PRIMARY KEY NOT NULL,
	`external_id` text NOT NULL,
	`email` text NOT NULL,
	`email_lower` text NOT NULL,
	`name` text,
	`phone` text,
	`provider_customer_ids` text NOT NULL,
	`saved_cards` text,
	`metadata` text NOT NULL,
	`livemode` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE INDEX `billing_customers_external_id_livemode_idx` ON `billing_customers` (`external_id`,`livemode`);--> statement-breakpoint
CREATE INDEX `billing_customers_email_lower_livemode_idx` ON `billing_customers` (`email_lower`,`livemode`);--> statement-breakpoint
CREATE INDEX `billing_customers_livemode_created_at_idx` ON `billing_customers` (`livemode`,`created_at`);--> statement-breakpoint
CREATE TABLE `billing_entitlements` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `billing_entitlements_key_uq` ON `billing_entitlements` (`key`);--> statement-breakpoint
CREATE TABLE `billing_idempotency_keys` (
	`key` text PRIMARY KEY NOT NULL,
	`operation` text NOT NULL,
	`fingerprint` text NOT NULL,
	`state` text NOT NULL,
	`response` text,
	`status_code` integer,
	`locked_until` integer,
	`expires_at` integer NOT NULL,
	`livemode` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `billing_idempotency_keys_expires_at_idx` ON `billing_idempotency_keys` (`expires_at`);--> statement-breakpoint
CREATE TABLE `billing_invoice_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`invoice_id` text NOT NULL,
	`position` integer NOT NULL,
	`description` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit_amount` integer NOT NULL,
	`amount` integer NOT NULL,
	`price_id` text,
	`period_start` integer,
	`period_end` integer,
	`metadata` text NOT NULL,
	FOREIGN KEY (`invoice_id`) REFERENCES `billing_invoices`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `billing_invoice_lines_invoice_position_uq` ON `billing_invoice_lines` (`invoice_id`,`position`);--> statement-breakpoint
CREATE TABLE `billing_invoice_payments` (
	`id` text PRIMARY KEY NOT NULL,
	`invoice_id` text NOT NULL,
	`payment_id` text NOT NULL,
	`amount_applied` integer NOT NULL,
	`currency` text NOT NULL,
	`applied_at` integer NOT NULL,
	`livemode` integer NOT NULL,
	FOREIGN KEY (`invoice_id`) REFERENCES `billing_invoices`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`payment_id`) REFERENCES `billing_payments`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `billing_invoice_payments_invoice_idx` ON `billing_invoice_payments` (`invoice_id`);--> statement-breakpoint
CREATE TABLE `billing_invoices` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`customer_id` text NOT NULL,
	`subscription_id` text,
	`status` text NOT NULL,
	`currency` text NOT NULL,
	`subtotal` integer NOT NULL,
	`tax` integer NOT NULL,
	`discount` integer NOT NULL,
	`total` integer NOT NULL,
	`amount_paid` integer NOT NULL,
	`amount_due` integer NOT NULL,
	`due_date` integer,
	`paid_at` integer,
	`voided_at` integer,
	`period_start` integer,
	`period_end` integer,
	`provider_invoice_ids` text NOT NULL,
	`metadata` text NOT NULL,
	`livemode` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `billing_customers`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`subscription_id`) REFERENCES `billing_subscriptions`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `billing_invoices_livemode_number_uq` ON `billing_invoices` (`livemode`,`number`);--> statement-breakpoint
CREATE INDEX `billing_invoices_customer_created_at_idx` ON `billing_invoices` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_invoices_livemode_created_at_idx` ON `billing_invoices` (`livemode`,`created_at`);--> statement-breakpoint
CREATE TABLE `billing_limits` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`default_value` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `billing_limits_key_uq` ON `billing_limits` (`key`);--> statement-breakpoint
CREATE TABLE `billing_payment_methods` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`is_default` integer NOT NULL,
	`card` text,
	`bank_account` text,
	`billing_details` text,
	`provider_payment_method_ids` text NOT NULL,
	`metadata` text NOT NULL,
	`livemode` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `billing_customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `billing_payment_methods_customer_created_at_idx` ON `billing_payment_methods` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_payment_methods_customer_default_idx` ON `billing_payment_methods` (`customer_id`,`is_default`);--> statement-breakpoint
CREATE INDEX `billing_payment_methods_livemode_created_at_idx` ON `billing_payment_methods` (`livemode`,`created_at`);--> statement-breakpoint
CREATE TABLE `billing_payments` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`subscription_id` text,
	`invoice_id` text,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text NOT NULL,
	`payment_method_id` text,
	`provider_payment_ids` text NOT NULL,
	`failure_code` text,
	`failure_message` text,
	`metadata` text NOT NULL,
	`livemode` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `billing_customers`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`subscription_id`) REFERENCES `billing_subscriptions`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `billing_payments_customer_created_at_idx` ON `billing_payments` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_payments_livemode_created_at_idx` ON `billing_payments` (`livemode`,`created_at`);--> statement-breakpoint
CREATE TABLE `billing_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`active` integer NOT NULL,
	`features` text NOT NULL,
	`entitlements` text NOT NULL,
	`limits` text NOT NULL,
	`metadata` text NOT NULL,
	`livemode` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE INDEX `billing_plans_livemode_created_at_idx` ON `billing_plans` (`livemode`,`created_at`);--> statement-breakpoint
CREATE TABLE `billing_prices` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`nickname` text,
	`currency` text NOT NULL,
	`unit_amount` integer NOT NULL,
	`billing_interval` text NOT NULL,
	`interval_count` integer NOT NULL,
	`trial_days` integer,
	`active` integer NOT NULL,
	`provider_price_ids` text NOT NULL,
	`metadata` text NOT NULL,
	`livemode` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `billing_plans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `billing_prices_plan_active_unit_amount_idx` ON `billing_prices` (`plan_id`,`active`,`unit_amount`);--> statement-breakpoint
CREATE INDEX `billing_prices_livemode_created_at_idx` ON `billing_prices` (`livemode`,`created_at`);--> statement-breakpoint
CREATE TABLE `billing_promo_code_usage` (
	`id` text PRIMARY KEY NOT NULL,
	`promo_code_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`subscription_id` text,
	`discount_amount` integer NOT NULL,
	`currency` text NOT NULL,
	`used_at` integer NOT NULL,
	`livemode` integer NOT NULL,
	FOREIGN KEY (`promo_code_id`) REFERENCES `billing_promo_codes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`customer_id`) REFERENCES `billing_customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`subscription_id`) REFERENCES `billing_subscriptions`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `billing_promo_code_usage_promo_customer_idx` ON `billing_promo_code_usage` (`promo_code_id`,`customer_id`);--> statement-breakpoint
CREATE INDEX `billing_promo_code_usage_customer_used_at_idx` ON `billing_promo_code_usage` (`customer_id`,`used_at`);--> statement-breakpoint
CREATE TABLE `billing_promo_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`code_lower` text NOT NULL,
	`discount_type` text NOT NULL,
	`discount_value` integer NOT NULL,
	`currency` text,
	`stacking_mode` text NOT NULL,
	`conditions` text NOT NULL,
	`max_redemptions` integer,
	`current_redemptions` integer NOT NULL,
	`max_redemptions_per_customer` integer,
	`valid_from` integer,
	`valid_until` integer,
	`applicable_plan_ids` text NOT NULL,
	`applicable_product_ids` text NOT NULL,
	`active` integer NOT NULL,
	`metadata` text NOT NULL,
	`livemode` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `billing_promo_codes_code_lower_livemode_uq` ON `billing_promo_codes` (`code_lower`,`livemode`);--> statement-breakpoint
CREATE INDEX `billing_promo_codes_livemode_created_at_idx` ON `billing_promo_codes` (`livemode`,`created_at`);--> statement-breakpoint
CREATE TABLE `billing_refunds` (
	`id` text PRIMARY KEY NOT NULL,
	`payment_id` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`provider_refund_id` text,
	`livemode` integer NOT NULL,
	`metadata` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`payment_id`) REFERENCES `billing_payments`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `billing_refunds_provider_refund_id_uq` ON `billing_refunds` (`provider_refund_id`);--> statement-breakpoint
CREATE INDEX `billing_refunds_payment_status_idx` ON `billing_refunds` (`payment_id`,`status`);--> statement-breakpoint
CREATE TABLE `billing_sequences` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `billing_subscription_addons` (
	`id` text PRIMARY KEY NOT NULL,
	`subscription_id` text NOT NULL,
	`add_on_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit_amount` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text NOT NULL,
	`added_at` integer NOT NULL,
	`canceled_at` integer,
	`expires_at` integer,
	`metadata` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`subscription_id`) REFERENCES `billing_subscriptions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`add_on_id`) REFERENCES `billing_addons`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `billing_subscription_addons_sub_addon_status_idx` ON `billing_subscription_addons` (`subscription_id`,`add_on_id`,`status`);--> statement-breakpoint
CREATE TABLE `billing_subscription_polling_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`subscription_id` text NOT NULL,
	`provider` text NOT NULL,
	`provider_resource_id` text NOT NULL,
	`resource_type` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer NOT NULL,
	`max_attempts` integer NOT NULL,
	`next_poll_at` integer NOT NULL,
	`last_polled_at` integer,
	`last_provider_status` text,
	`last_error` text,
	`metadata` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`completed_at` integer,
	`version` text NOT NULL,
	FOREIGN KEY (`subscription_id`) REFERENCES `billing_subscriptions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `billing_subscription_polling_jobs_pending_resource_uq` ON `billing_subscription_polling_jobs` (`provider`,`provider_resource_id`) WHERE "status" = 'pending';--> statement-breakpoint
CREATE INDEX `billing_subscription_polling_jobs_sub_status_created_idx` ON `billing_subscription_polling_jobs` (`subscription_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_subscription_polling_jobs_status_next_poll_idx` ON `billing_subscription_polling_jobs` (`status`,`next_poll_at`);--> statement-breakpoint
CREATE TABLE `billing_subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`plan_id` text NOT NULL,
	`status` text NOT NULL,
	`interval` text NOT NULL,
	`interval_count` integer NOT NULL,
	`quantity` integer NOT NULL,
	`current_period_start` integer NOT NULL,
	`current_period_end` integer NOT NULL,
	`trial_start` integer,
	`trial_end` integer,
	`cancel_at` integer,
	`canceled_at` integer,
	`cancel_at_period_end` integer NOT NULL,
	`provider_subscription_ids` text NOT NULL,
	`promo_code_id` text,
	`metadata` text NOT NULL,
	`scheduled_plan_change` text,
	`livemode` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `billing_customers`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`promo_code_id`) REFERENCES `billing_promo_codes`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `billing_subscriptions_customer_created_at_idx` ON `billing_subscriptions` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_subscriptions_livemode_created_at_idx` ON `billing_subscriptions` (`livemode`,`created_at`);--> statement-breakpoint
CREATE TABLE `billing_usage_records` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`subscription_id` text,
	`limit_key` text NOT NULL,
	`quantity` integer NOT NULL,
	`action` text NOT NULL,
	`timestamp` integer NOT NULL,
	`idempotency_key` text,
	`metadata` text NOT NULL,
	`livemode` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `billing_customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`subscription_id`) REFERENCES `billing_subscriptions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `billing_usage_records_idempotency_key_uq` ON `billing_usage_records` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `billing_usage_records_sub_key_timestamp_idx` ON `billing_usage_records` (`subscription_id`,`limit_key`,`timestamp`);--> statement-breakpoint
CREATE INDEX `billing_usage_records_customer_key_idx` ON `billing_usage_records` (`customer_id`,`limit_key`);--> statement-breakpoint
CREATE TABLE `billing_vendor_payouts` (
	`id` text PRIMARY KEY NOT NULL,
	`vendor_id` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text NOT NULL,
	`period_start` integer NOT NULL,
	`period_end` integer NOT NULL,
	`provider_payout_ids` text NOT NULL,
	`paid_at` integer,
	`livemode` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`vendor_id`) REFERENCES `billing_vendors`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `billing_vendor_payouts_vendor_created_at_idx` ON `billing_vendor_payouts` (`vendor_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `billing_vendors` (
	`id` text PRIMARY KEY NOT NULL,
	`external_id` text NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`status` text NOT NULL,
	`commission_rate` real NOT NULL,
	`payout_schedule` text NOT NULL,
	`provider_account_ids` text NOT NULL,
	`metadata` text NOT NULL,
	`livemode` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `billing_vendors_external_id_uq` ON `billing_vendors` (`external_id`);--> statement-breakpoint
CREATE INDEX `billing_vendors_livemode_created_at_idx` ON `billing_vendors` (`livemode`,`created_at`);--> statement-breakpoint
CREATE TABLE `billing_webhook_events` (
	`id` text PRIMARY KEY NOT NULL,
	`provider` text NOT NULL,
	`provider_event_id` text NOT NULL,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer NOT NULL,
	`last_error` text,
	`locked_until` integer,
	`received_at` integer NOT NULL,
	`processed_at` integer,
	`livemode` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `billing_webhook_events_provider_event_uq` ON `billing_webhook_events` (`provider`,`provider_event_id`);--> statement-breakpoint
CREATE INDEX `billing_webhook_events_status_received_at_idx` ON `billing_webhook_events` (`status`,`received_at`);--> statement-breakpoint
CREATE INDEX `billing_webhook_events_livemode_created_at_idx` ON `billing_webhook_events` (`livemode`,`created_at`);