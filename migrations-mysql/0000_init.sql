CREATE TABLE `billing_addons` (
	`id` varbinary(144) NOT NULL,
	`name` varbinary(764) NOT NULL,
	`description` longblob,
	`active` boolean NOT NULL,
	`unit_amount` bigint NOT NULL,
	`currency` varbinary(12) NOT NULL,
	`billing_interval` varbinary(128) NOT NULL,
	`billing_interval_count` bigint NOT NULL,
	`compatible_plan_ids` json NOT NULL,
	`allow_multiple` boolean NOT NULL,
	`max_quantity` bigint,
	`entitlements` json NOT NULL,
	`limits` json NOT NULL,
	`metadata` json NOT NULL,
	`livemode` boolean NOT NULL,
	`version` bigint NOT NULL DEFAULT 1,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	`deleted_at` datetime(3),
	CONSTRAINT `billing_addons_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `billing_audit_logs` (
	`id` varbinary(144) NOT NULL,
	`entity_type` varbinary(256) NOT NULL,
	`entity_id` varbinary(764) NOT NULL,
	`action` varbinary(256) NOT NULL,
	`actor_type` varbinary(128),
	`actor_id` varbinary(764),
	`changes` json,
	`ip_address` varbinary(180),
	`user_agent` longblob,
	`livemode` boolean NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `billing_audit_logs_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `billing_checkouts` (
	`id` varbinary(144) NOT NULL,
	`customer_id` varbinary(144),
	`customer_email` varbinary(764),
	`mode` varbinary(128) NOT NULL,
	`status` varbinary(128) NOT NULL,
	`currency` varbinary(12) NOT NULL,
	`line_items` json NOT NULL,
	`success_url` longblob NOT NULL,
	`cancel_url` longblob NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`payment_id` varbinary(144),
	`subscription_id` varbinary(144),
	`provider_session_ids` json NOT NULL,
	`metadata` json NOT NULL,
	`livemode` boolean NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`completed_at` datetime(3),
	CONSTRAINT `billing_checkouts_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `billing_currencies` (
	`code` varbinary(12) NOT NULL,
	`name` varbinary(1020) NOT NULL,
	`minor_units` bigint NOT NULL,
	`symbol` varbinary(32),
	`active` boolean NOT NULL,
	CONSTRAINT `billing_currencies_code` PRIMARY KEY(`code`)
);
--> statement-breakpoint
CREATE TABLE `billing_customer_entitlements` (
	`id` varbinary(144) NOT NULL,
	`customer_id` varbinary(144) NOT NULL,
	`entitlement_key` varbinary(764) NOT NULL,
	`granted_at` datetime(3) NOT NULL,
	`expires_at` datetime(3),
	`source` varbinary(128) NOT NULL,
	`source_id` varbinary(764),
	`livemode` boolean NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `billing_customer_entitlements_id` PRIMARY KEY(`id`),
	CONSTRAINT `billing_customer_entitlements_customer_key_uq` UNIQUE(`customer_id`,`entitlement_key`)
);
--> statement-breakpoint
CREATE TABLE `billing_customer_limits` (
	`id` varbinary(144) NOT NULL,
	`customer_id` varbinary(144) NOT NULL,
	`limit_key` varbinary(764) NOT NULL,
	`max_value` bigint NOT NULL,
	`current_value` bigint NOT NULL,
	`reset_at` datetime(3),
	`source` varbinary(128) NOT NULL,
	`source_id` varbinary(764),
	`livemode` boolean NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `billing_customer_limits_id` PRIMARY KEY(`id`),
	CONSTRAINT `billing_customer_limits_customer_key_uq` UNIQUE(`customer_id`,`limit_key`)
);
--> statement-breakpoint
CREATE TABLE `billing_customers` (
	`id` varbinary(144) NOT NULL,
	`external_id` varbinary(764) NOT NULL,
	`email` varbinary(764) NOT NULL,
	`email_lower` varbinary(764) NOT NULL,
	`name` varbinary(1020),
	`phone` varbinary(256),
	`provider_customer_ids` json NOT NULL,
	`saved_cards` json,
	`metadata` json NOT NULL,
	`livemode` boolean NOT NULL,
	`version` bigint NOT NULL DEFAULT 1,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	`deleted_at` datetime(3),
	CONSTRAINT `billing_customers_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `billing_entitlements` (
	`id` varbinary(144) NOT NULL,
	`key` varbinary(764) NOT NULL,
	`name` varbinary(1020) NOT NULL,
	`description` longblob,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `billing_entitlements_id` PRIMARY KEY(`id`),
	CONSTRAINT `billing_entitlements_key_uq` UNIQUE(`key`)
);
--> statement-breakpoint
CREATE TABLE `billing_idempotency_keys` (
	`key` varbinary(764) NOT NULL,
	`operation` varbinary(764) NOT NULL,
	`fingerprint` varbinary(764) NOT NULL,
	`state` varbinary(64) NOT NULL,
	`response` json,
	`status_code` bigint,
	`locked_until` datetime(3),
	`expires_at` datetime(3) NOT NULL,
	`livemode` boolean NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `billing_idempotency_keys_key` PRIMARY KEY(`key`)
);
--> statement-breakpoint
CREATE TABLE `billing_invoice_lines` (
	`id` varbinary(144) NOT NULL,
	`invoice_id` varbinary(144) NOT NULL,
	`position` bigint NOT NULL,
	`description` longblob NOT NULL,
	`quantity` bigint NOT NULL,
	`unit_amount` bigint NOT NULL,
	`amount` bigint NOT NULL,
	`price_id` varbinary(764),
	`period_start` datetime(3),
	`period_end` datetime(3),
	`metadata` json NOT NULL,
	CONSTRAINT `billing_invoice_lines_id` PRIMARY KEY(`id`),
	CONSTRAINT `billing_invoice_lines_invoice_position_uq` UNIQUE(`invoice_id`,`position`)
);
--> statement-breakpoint
CREATE TABLE `billing_invoice_payments` (
	`id` varbinary(144) NOT NULL,
	`invoice_id` varbinary(144) NOT NULL,
	`payment_id` varbinary(144) NOT NULL,
	`amount_applied` bigint NOT NULL,
	`currency` varbinary(12) NOT NULL,
	`applied_at` datetime(3) NOT NULL,
	`livemode` boolean NOT NULL,
	CONSTRAINT `billing_invoice_payments_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `billing_invoices` (
	`id` varbinary(144) NOT NULL,
	`number` varbinary(128) NOT NULL,
	`customer_id` varbinary(144) NOT NULL,
	`subscription_id` varbinary(144),
	`status` varbinary(128) NOT NULL,
	`currency` varbinary(12) NOT NULL,
	`subtotal` bigint NOT NULL,
	`tax` bigint NOT NULL,
	`discount` bigint NOT NULL,
	`total` bigint NOT NULL,
	`amount_paid` bigint NOT NULL,
	`amount_due` bigint NOT NULL,
	`due_date` datetime(3),
	`paid_at` datetime(3),
	`voided_at` datetime(3),
	`period_start` datetime(3),
	`period_end` datetime(3),
	`provider_invoice_ids` json NOT NULL,
	`metadata` json NOT NULL,
	`livemode` boolean NOT NULL,
	`version` bigint NOT NULL DEFAULT 1,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `billing_invoices_id` PRIMARY KEY(`id`),
	CONSTRAINT `billing_invoices_livemode_number_uq` UNIQUE(`livemode`,`number`)
);
--> statement-breakpoint
CREATE TABLE `billing_limits` (
	`id` varbinary(144) NOT NULL,
	`key` varbinary(764) NOT NULL,
	`name` varbinary(1020) NOT NULL,
	`description` longblob,
	`default_value` bigint NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `billing_limits_id` PRIMARY KEY(`id`),
	CONSTRAINT `billing_limits_key_uq` UNIQUE(`key`)
);
--> statement-breakpoint
CREATE TABLE `billing_payment_methods` (
	`id` varbinary(144) NOT NULL,
	`customer_id` varbinary(144) NOT NULL,
	`type` varbinary(128) NOT NULL,
	`status` varbinary(128) NOT NULL,
	`is_default` boolean NOT NULL,
	`card` json,
	`bank_account` json,
	`billing_details` json,
	`provider_payment_method_ids` json NOT NULL,
	`metadata` json NOT NULL,
	`livemode` boolean NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	`deleted_at` datetime(3),
	CONSTRAINT `billing_payment_methods_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `billing_payments` (
	`id` varbinary(144) NOT NULL,
	`customer_id` varbinary(144) NOT NULL,
	`subscription_id` varbinary(144),
	`invoice_id` varbinary(144),
	`amount` bigint NOT NULL,
	`currency` varbinary(12) NOT NULL,
	`status` varbinary(128) NOT NULL,
	`payment_method_id` varbinary(764),
	`provider_payment_ids` json NOT NULL,
	`failure_code` varbinary(764),
	`failure_message` longblob,
	`metadata` json NOT NULL,
	`livemode` boolean NOT NULL,
	`version` bigint NOT NULL DEFAULT 1,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `billing_payments_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `billing_plans` (
	`id` varbinary(144) NOT NULL,
	`name` varbinary(1020) NOT NULL,
	`description` longblob,
	`active` boolean NOT NULL,
	`features` json NOT NULL,
	`entitlements` json NOT NULL,
	`limits` json NOT NULL,
	`metadata` json NOT NULL,
	`livemode` boolean NOT NULL,
	`version` bigint NOT NULL DEFAULT 1,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	`deleted_at` datetime(3),
	CONSTRAINT `billing_plans_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `billing_prices` (
	`id` varbinary(144) NOT NULL,
	`plan_id` varbinary(144) NOT NULL,
	`nickname` varbinary(1020),
	`currency` varbinary(12) NOT NULL,
	`unit_amount` bigint NOT NULL,
	`billing_interval` varbinary(128) NOT NULL,
	`interval_count` bigint NOT NULL,
	`trial_days` bigint,
	`active` boolean NOT NULL,
	`provider_price_ids` json NOT NULL,
	`metadata` json NOT NULL,
	`livemode` boolean NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `billing_prices_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `billing_promo_code_usage` (
	`id` varbinary(144) NOT NULL,
	`promo_code_id` varbinary(144) NOT NULL,
	`customer_id` varbinary(144) NOT NULL,
	`subscription_id` varbinary(144),
	`discount_amount` bigint NOT NULL,
	`currency` varbinary(12) NOT NULL,
	`used_at` datetime(3) NOT NULL,
	`livemode` boolean NOT NULL,
	CONSTRAINT `billing_promo_code_usage_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `billing_promo_codes` (
	`id` varbinary(144) NOT NULL,
	`code` varbinary(256) NOT NULL,
	`code_lower` varbinary(256) NOT NULL,
	`discount_type` varbinary(128) NOT NULL,
	`discount_value` bigint NOT NULL,
	`currency` varbinary(12),
	`stacking_mode` varbinary(128) NOT NULL,
	`conditions` json NOT NULL,
	`max_redemptions` bigint,
	`current_redemptions` bigint NOT NULL,
	`max_redemptions_per_customer` bigint,
	`valid_from` datetime(3),
	`valid_until` datetime(3),
	`applicable_plan_ids` json NOT NULL,
	`applicable_product_ids` json NOT NULL,
	`active` boolean NOT NULL,
	`metadata` json NOT NULL,
	`livemode` boolean NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	`deleted_at` datetime(3),
	CONSTRAINT `billing_promo_codes_id` PRIMARY KEY(`id`),
	CONSTRAINT `billing_promo_codes_code_lower_livemode_uq` UNIQUE(`code_lower`,`livemode`)
);
--> statement-breakpoint
CREATE TABLE `billing_refunds` (
	`id` varbinary(144) NOT NULL,
	`payment_id` varbinary(144) NOT NULL,
	`amount` bigint NOT NULL,
	`currency` varbinary(12) NOT NULL,
	`status` varbinary(128) NOT NULL,
	`reason` longblob,
	`provider_refund_id` varbinary(764),
	`livemode` boolean NOT NULL,
	`metadata` json NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `billing_refunds_id` PRIMARY KEY(`id`),
	CONSTRAINT `billing_refunds_provider_refund_id_uq` UNIQUE(`provider_refund_id`)
);
--> statement-breakpoint
CREATE TABLE `billing_sequences` (
	`name` varbinary(256) NOT NULL,
	`value` bigint NOT NULL,
	CONSTRAINT `billing_sequences_name` PRIMARY KEY(`name`)
);
--> statement-breakpoint
CREATE TABLE `billing_subscription_addons` (
	`id` varbinary(144) NOT NULL,
	`subscription_id` varbinary(144) NOT NULL,
	`add_on_id` varbinary(144) NOT NULL,
	`quantity` bigint NOT NULL,
	`unit_amount` bigint NOT NULL,
	`currency` varbinary(12) NOT NULL,
	`status` varbinary(128) NOT NULL,
	`added_at` datetime(3) NOT NULL,
	`canceled_at` datetime(3),
	`expires_at` datetime(3),
	`metadata` json NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `billing_subscription_addons_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `billing_subscription_polling_jobs` (
	`id` varbinary(144) NOT NULL,
	`subscription_id` varbinary(144) NOT NULL,
	`provider` varbinary(256) NOT NULL,
	`provider_resource_id` varbinary(764) NOT NULL,
	`resource_type` varbinary(128) NOT NULL,
	`status` varbinary(128) NOT NULL,
	`attempts` bigint NOT NULL,
	`max_attempts` bigint NOT NULL,
	`next_poll_at` datetime(3) NOT NULL,
	`last_polled_at` datetime(3),
	`last_provider_status` longblob,
	`last_error` longblob,
	`metadata` json NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	`completed_at` datetime(3),
	`version` varbinary(144) NOT NULL,
	`provider_if_pending` varbinary(256) GENERATED ALWAYS AS ((case when `status` = 'pending' then `provider` end)) STORED,
	`provider_resource_id_if_pending` varbinary(764) GENERATED ALWAYS AS ((case when `status` = 'pending' then `provider_resource_id` end)) STORED,
	CONSTRAINT `billing_subscription_polling_jobs_id` PRIMARY KEY(`id`),
	CONSTRAINT `billing_subscription_polling_jobs_pending_resource_uq` UNIQUE(`provider_if_pending`,`provider_resource_id_if_pending`)
);
--> statement-breakpoint
CREATE TABLE `billing_subscriptions` (
	`id` varbinary(144) NOT NULL,
	`customer_id` varbinary(144) NOT NULL,
	`plan_id` varbinary(764) NOT NULL,
	`status` varbinary(128) NOT NULL,
	`interval` varbinary(128) NOT NULL,
	`interval_count` bigint NOT NULL,
	`quantity` bigint NOT NULL,
	`current_period_start` datetime(3) NOT NULL,
	`current_period_end` datetime(3) NOT NULL,
	`trial_start` datetime(3),
	`trial_end` datetime(3),
	`cancel_at` datetime(3),
	`canceled_at` datetime(3),
	`cancel_at_period_end` boolean NOT NULL,
	`provider_subscription_ids` json NOT NULL,
	`promo_code_id` varbinary(144),
	`metadata` json NOT NULL,
	`scheduled_plan_change` json,
	`livemode` boolean NOT NULL,
	`version` bigint NOT NULL DEFAULT 1,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	`deleted_at` datetime(3),
	CONSTRAINT `billing_subscriptions_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `billing_usage_records` (
	`id` varbinary(144) NOT NULL,
	`customer_id` varbinary(144) NOT NULL,
	`subscription_id` varbinary(144),
	`limit_key` varbinary(764) NOT NULL,
	`quantity` bigint NOT NULL,
	`action` varbinary(64) NOT NULL,
	`timestamp` datetime(3) NOT NULL,
	`idempotency_key` varbinary(764),
	`metadata` json NOT NULL,
	`livemode` boolean NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `billing_usage_records_id` PRIMARY KEY(`id`),
	CONSTRAINT `billing_usage_records_idempotency_key_uq` UNIQUE(`idempotency_key`)
);
--> statement-breakpoint
CREATE TABLE `billing_vendor_payouts` (
	`id` varbinary(144) NOT NULL,
	`vendor_id` varbinary(144) NOT NULL,
	`amount` bigint NOT NULL,
	`currency` varbinary(12) NOT NULL,
	`status` varbinary(128) NOT NULL,
	`period_start` datetime(3) NOT NULL,
	`period_end` datetime(3) NOT NULL,
	`provider_payout_ids` json NOT NULL,
	`paid_at` datetime(3),
	`livemode` boolean NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `billing_vendor_payouts_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `billing_vendors` (
	`id` varbinary(144) NOT NULL,
	`external_id` varbinary(764) NOT NULL,
	`name` varbinary(1020) NOT NULL,
	`email` varbinary(764) NOT NULL,
	`status` varbinary(128) NOT NULL,
	`commission_rate` decimal(5,2) NOT NULL,
	`payout_schedule` json NOT NULL,
	`provider_account_ids` json NOT NULL,
	`metadata` json NOT NULL,
	`livemode` boolean NOT NULL,
	`version` bigint NOT NULL DEFAULT 1,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	`deleted_at` datetime(3),
	CONSTRAINT `billing_vendors_id` PRIMARY KEY(`id`),
	CONSTRAINT `billing_vendors_external_id_uq` UNIQUE(`external_id`)
);
--> statement-breakpoint
CREATE TABLE `billing_webhook_events` (
	`id` varbinary(144) NOT NULL,
	`provider` varbinary(256) NOT NULL,
	`provider_event_id` varbinary(764) NOT NULL,
	`type` varbinary(764) NOT NULL,
	`payload` json NOT NULL,
	`status` varbinary(64) NOT NULL,
	`attempts` bigint NOT NULL,
	`last_error` longblob,
	`locked_until` datetime(3),
	`received_at` datetime(3) NOT NULL,
	`processed_at` datetime(3),
	`livemode` boolean NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `billing_webhook_events_id` PRIMARY KEY(`id`),
	CONSTRAINT `billing_webhook_events_provider_event_uq` UNIQUE(`provider`,`provider_event_id`)
);
--> statement-breakpoint
ALTER TABLE `billing_checkouts` ADD CONSTRAINT `billing_checkouts_customer_id_fk` FOREIGN KEY (`customer_id`) REFERENCES `billing_customers`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `billing_checkouts` ADD CONSTRAINT `billing_checkouts_payment_id_fk` FOREIGN KEY (`payment_id`) REFERENCES `billing_payments`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `billing_checkouts` ADD CONSTRAINT `billing_checkouts_subscription_id_fk` FOREIGN KEY (`subscription_id`) REFERENCES `billing_subscriptions`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `billing_customer_entitlements` ADD CONSTRAINT `billing_customer_entitlements_customer_id_fk` FOREIGN KEY (`customer_id`) REFERENCES `billing_customers`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `billing_customer_limits` ADD CONSTRAINT `billing_customer_limits_customer_id_fk` FOREIGN KEY (`customer_id`) REFERENCES `billing_customers`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `billing_invoice_lines` ADD CONSTRAINT `billing_invoice_lines_invoice_id_fk` FOREIGN KEY (`invoice_id`) REFERENCES `billing_invoices`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `billing_invoice_payments` ADD CONSTRAINT `billing_invoice_payments_invoice_id_fk` FOREIGN KEY (`invoice_id`) REFERENCES `billing_invoices`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `billing_invoice_payments` ADD CONSTRAINT `billing_invoice_payments_payment_id_fk` FOREIGN KEY (`payment_id`) REFERENCES `billing_payments`(`id`) ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `billing_invoices` ADD CONSTRAINT `billing_invoices_customer_id_fk` FOREIGN KEY (`customer_id`) REFERENCES `billing_customers`(`id`) ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `billing_invoices` ADD CONSTRAINT `billing_invoices_subscription_id_fk` FOREIGN KEY (`subscription_id`) REFERENCES `billing_subscriptions`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `billing_payment_methods` ADD CONSTRAINT `billing_payment_methods_customer_id_fk` FOREIGN KEY (`customer_id`) REFERENCES `billing_customers`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `billing_payments` ADD CONSTRAINT `billing_payments_customer_id_fk` FOREIGN KEY (`customer_id`) REFERENCES `billing_customers`(`id`) ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `billing_payments` ADD CONSTRAINT `billing_payments_subscription_id_fk` FOREIGN KEY (`subscription_id`) REFERENCES `billing_subscriptions`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `billing_prices` ADD CONSTRAINT `billing_prices_plan_id_fk` FOREIGN KEY (`plan_id`) REFERENCES `billing_plans`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `billing_promo_code_usage` ADD CONSTRAINT `billing_promo_code_usage_promo_code_id_fk` FOREIGN KEY (`promo_code_id`) REFERENCES `billing_promo_codes`(`id`) ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `billing_promo_code_usage` ADD CONSTRAINT `billing_promo_code_usage_customer_id_fk` FOREIGN KEY (`customer_id`) REFERENCES `billing_customers`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `billing_promo_code_usage` ADD CONSTRAINT `billing_promo_code_usage_subscription_id_fk` FOREIGN KEY (`subscription_id`) REFERENCES `billing_subscriptions`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `billing_refunds` ADD CONSTRAINT `billing_refunds_payment_id_fk` FOREIGN KEY (`payment_id`) REFERENCES `billing_payments`(`id`) ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `billing_subscription_addons` ADD CONSTRAINT `billing_subscription_addons_subscription_id_fk` FOREIGN KEY (`subscription_id`) REFERENCES `billing_subscriptions`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `billing_subscription_addons` ADD CONSTRAINT `billing_subscription_addons_add_on_id_fk` FOREIGN KEY (`add_on_id`) REFERENCES `billing_addons`(`id`) ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `billing_subscription_polling_jobs` ADD CONSTRAINT `billing_subscription_polling_jobs_subscription_id_fk` FOREIGN KEY (`subscription_id`) REFERENCES `billing_subscriptions`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `billing_subscriptions` ADD CONSTRAINT `billing_subscriptions_customer_id_fk` FOREIGN KEY (`customer_id`) REFERENCES `billing_customers`(`id`) ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `billing_subscriptions` ADD CONSTRAINT `billing_subscriptions_promo_code_id_fk` FOREIGN KEY (`promo_code_id`) REFERENCES `billing_promo_codes`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `billing_usage_records` ADD CONSTRAINT `billing_usage_records_customer_id_fk` FOREIGN KEY (`customer_id`) REFERENCES `billing_customers`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `billing_usage_records` ADD CONSTRAINT `billing_usage_records_subscription_id_fk` FOREIGN KEY (`subscription_id`) REFERENCES `billing_subscriptions`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `billing_vendor_payouts` ADD CONSTRAINT `billing_vendor_payouts_vendor_id_fk` FOREIGN KEY (`vendor_id`) REFERENCES `billing_vendors`(`id`) ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `billing_addons_name_idx` ON `billing_addons` (`name`);--> statement-breakpoint
CREATE INDEX `billing_addons_livemode_created_at_idx` ON `billing_addons` (`livemode`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_audit_logs_entity_created_at_idx` ON `billing_audit_logs` (`entity_type`,`entity_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_audit_logs_actor_created_at_idx` ON `billing_audit_logs` (`actor_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_audit_logs_created_at_idx` ON `billing_audit_logs` (`created_at`);--> statement-breakpoint
CREATE INDEX `billing_checkouts_customer_created_at_idx` ON `billing_checkouts` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_checkouts_livemode_created_at_idx` ON `billing_checkouts` (`livemode`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_customer_entitlements_source_idx` ON `billing_customer_entitlements` (`source`,`source_id`);--> statement-breakpoint
CREATE INDEX `billing_customer_limits_source_idx` ON `billing_customer_limits` (`source`,`source_id`);--> statement-breakpoint
CREATE INDEX `billing_customers_external_id_livemode_idx` ON `billing_customers` (`external_id`,`livemode`);--> statement-breakpoint
CREATE INDEX `billing_customers_email_lower_livemode_idx` ON `billing_customers` (`email_lower`,`livemode`);--> statement-breakpoint
CREATE INDEX `billing_customers_livemode_created_at_idx` ON `billing_customers` (`livemode`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_idempotency_keys_expires_at_idx` ON `billing_idempotency_keys` (`expires_at`);--> statement-breakpoint
CREATE INDEX `billing_invoice_payments_invoice_idx` ON `billing_invoice_payments` (`invoice_id`);--> statement-breakpoint
CREATE INDEX `billing_invoices_customer_created_at_idx` ON `billing_invoices` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_invoices_livemode_created_at_idx` ON `billing_invoices` (`livemode`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_payment_methods_customer_created_at_idx` ON `billing_payment_methods` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_payment_methods_customer_default_idx` ON `billing_payment_methods` (`customer_id`,`is_default`);--> statement-breakpoint
CREATE INDEX `billing_payment_methods_livemode_created_at_idx` ON `billing_payment_methods` (`livemode`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_payments_customer_created_at_idx` ON `billing_payments` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_payments_livemode_created_at_idx` ON `billing_payments` (`livemode`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_plans_livemode_created_at_idx` ON `billing_plans` (`livemode`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_prices_plan_active_unit_amount_idx` ON `billing_prices` (`plan_id`,`active`,`unit_amount`);--> statement-breakpoint
CREATE INDEX `billing_prices_livemode_created_at_idx` ON `billing_prices` (`livemode`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_promo_code_usage_promo_customer_idx` ON `billing_promo_code_usage` (`promo_code_id`,`customer_id`);--> statement-breakpoint
CREATE INDEX `billing_promo_code_usage_customer_used_at_idx` ON `billing_promo_code_usage` (`customer_id`,`used_at`);--> statement-breakpoint
CREATE INDEX `billing_promo_codes_livemode_created_at_idx` ON `billing_promo_codes` (`livemode`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_refunds_payment_status_idx` ON `billing_refunds` (`payment_id`,`status`);--> statement-breakpoint
CREATE INDEX `billing_subscription_addons_sub_addon_status_idx` ON `billing_subscription_addons` (`subscription_id`,`add_on_id`,`status`);--> statement-breakpoint
CREATE INDEX `billing_subscription_polling_jobs_sub_status_created_idx` ON `billing_subscription_polling_jobs` (`subscription_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_subscription_polling_jobs_status_next_poll_idx` ON `billing_subscription_polling_jobs` (`status`,`next_poll_at`);--> statement-breakpoint
CREATE INDEX `billing_subscriptions_customer_created_at_idx` ON `billing_subscriptions` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_subscriptions_livemode_created_at_idx` ON `billing_subscriptions` (`livemode`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_usage_records_sub_key_timestamp_idx` ON `billing_usage_records` (`subscription_id`,`limit_key`,`timestamp`);--> statement-breakpoint
CREATE INDEX `billing_usage_records_customer_key_idx` ON `billing_usage_records` (`customer_id`,`limit_key`);--> statement-breakpoint
CREATE INDEX `billing_vendor_payouts_vendor_created_at_idx` ON `billing_vendor_payouts` (`vendor_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_vendors_livemode_created_at_idx` ON `billing_vendors` (`livemode`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_webhook_events_status_received_at_idx` ON `billing_webhook_events` (`status`,`received_at`);--> statement-breakpoint
CREATE INDEX `billing_webhook_events_livemode_created_at_idx` ON `billing_webhook_events` (`livemode`,`created_at`);