CREATE TABLE "billing_addons" (
	"id" varchar(36) PRIMARY KEY NOT NULL,
	"name" varchar(191) NOT NULL,
	"description" text,
	"active" boolean NOT NULL,
	"unit_amount" bigint NOT NULL,
	"currency" varchar(3) NOT NULL,
	"billing_interval" varchar(32) NOT NULL,
	"billing_interval_count" bigint NOT NULL,
	"compatible_plan_ids" jsonb NOT NULL,
	"allow_multiple" boolean NOT NULL,
	"max_quantity" bigint,
	"entitlements" jsonb NOT NULL,
	"limits" jsonb NOT NULL,
	"metadata" jsonb NOT NULL,
	"livemode" boolean NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"deleted_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "billing_audit_logs" (
	"id" varchar(36) PRIMARY KEY NOT NULL,
	"entity_type" varchar(64) NOT NULL,
	"entity_id" varchar(191) NOT NULL,
	"action" varchar(64) NOT NULL,
	"actor_type" varchar(32),
	"actor_id" varchar(191),
	"changes" jsonb,
	"ip_address" varchar(45),
	"user_agent" text,
	"livemode" boolean NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_checkouts" (
	"id" varchar(36) PRIMARY KEY NOT NULL,
	"customer_id" varchar(36),
	"customer_email" varchar(191),
	"mode" varchar(32) NOT NULL,
	"status" varchar(32) NOT NULL,
	"currency" varchar(3) NOT NULL,
	"line_items" jsonb NOT NULL,
	"success_url" text NOT NULL,
	"cancel_url" text NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"payment_id" varchar(36),
	"subscription_id" varchar(36),
	"provider_session_ids" jsonb NOT NULL,
	"metadata" jsonb NOT NULL,
	"livemode" boolean NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"completed_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "billing_currencies" (
	"code" varchar(3) PRIMARY KEY NOT NULL,
	"name" varchar(255) NOT NULL,
	"minor_units" bigint NOT NULL,
	"symbol" varchar(8),
	"active" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_customer_entitlements" (
	"id" varchar(36) PRIMARY KEY NOT NULL,
	"customer_id" varchar(36) NOT NULL,
	"entitlement_key" varchar(191) NOT NULL,
	"granted_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone,
	"source" varchar(32) NOT NULL,
	"source_id" varchar(191),
	"livemode" boolean NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_customer_limits" (
	"id" varchar(36) PRIMARY KEY NOT NULL,
	"customer_id" varchar(36) NOT NULL,
	"limit_key" varchar(191) NOT NULL,
	"max_value" bigint NOT NULL,
	"current_value" bigint NOT NULL,
	"reset_at" timestamp (3) with time zone,
	"source" varchar(32) NOT NULL,
	"source_id" varchar(191),
	"livemode" boolean NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_customers" (
	"id" varchar(36) PRIMARY KEY NOT NULL,
	"external_id" varchar(191) NOT NULL,
	"email" varchar(191) NOT NULL,
	"email_lower" varchar(191) NOT NULL,
	"name" varchar(255),
	"phone" varchar(64),
	"provider_customer_ids" jsonb NOT NULL,
	"saved_cards" jsonb,
	"metadata" jsonb NOT NULL,
	"livemode" boolean NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"deleted_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "billing_entitlements" (
	"id" varchar(36) PRIMARY KEY NOT NULL,
	"key" varchar(191) NOT NULL,
	"name" varchar(255) NOT NULL,
	"description" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_idempotency_keys" (
	"key" varchar(191) PRIMARY KEY NOT NULL,
	"operation" varchar(191) NOT NULL,
	"fingerprint" varchar(191) NOT NULL,
	"state" varchar(16) NOT NULL,
	"response" jsonb,
	"status_code" bigint,
	"locked_until" timestamp (3) with time zone,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"livemode" boolean NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_invoice_lines" (
	"id" varchar(36) PRIMARY KEY NOT NULL,
	"invoice_id" varchar(36) NOT NULL,
	"position" bigint NOT NULL,
	"description" text NOT NULL,
	"quantity" bigint NOT NULL,
	"unit_amount" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"price_id" varchar(191),
	"period_start" timestamp (3) with time zone,
	"period_end" timestamp (3) with time zone,
	"metadata" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_invoice_payments" (
	"id" varchar(36) PRIMARY KEY NOT NULL,
	"invoice_id" varchar(36) NOT NULL,
	"payment_id" varchar(36) NOT NULL,
	"amount_applied" bigint NOT NULL,
	"currency" varchar(3) NOT NULL,
	"applied_at" timestamp (3) with time zone NOT NULL,
	"livemode" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_invoices" (
	"id" varchar(36) PRIMARY KEY NOT NULL,
	"number" varchar(32) NOT NULL,
	"customer_id" varchar(36) NOT NULL,
	"subscription_id" varchar(36),
	"status" varchar(32) NOT NULL,
	"currency" varchar(3) NOT NULL,
	"subtotal" bigint NOT NULL,
	"tax" bigint NOT NULL,
	"discount" bigint NOT NULL,
	"total" bigint NOT NULL,
	"amount_paid" bigint NOT NULL,
	"amount_due" bigint NOT NULL,
	"due_date" timestamp (3) with time zone,
	"paid_at" timestamp (3) with time zone,
	"voided_at" timestamp (3) with time zone,
	"period_start" timestamp (3) with time zone,
	"period_end" timestamp (3) with time zone,
	"provider_invoice_ids" jsonb NOT NULL,
	"metadata" jsonb NOT NULL,
	"livemode" boolean NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_limits" (
	"id" varchar(36) PRIMARY KEY NOT NULL,
	"key" varchar(191) NOT NULL,
	"name" varchar(255) NOT NULL,
	"description" text,
	"default_value" bigint NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_payment_methods" (
	"id" varchar(36) PRIMARY KEY NOT NULL,
	"customer_id" varchar(36) NOT NULL,
	"type" varchar(32) NOT NULL,
	"status" varchar(32) NOT NULL,
	"is_default" boolean NOT NULL,
	"card" jsonb,
	"bank_account" jsonb,
	"billing_details" jsonb,
	"provider_payment_method_ids" jsonb NOT NULL,
	"metadata" jsonb NOT NULL,
	"livemode" boolean NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"deleted_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "billing_payments" (
	"id" varchar(36) PRIMARY KEY NOT NULL,
	"customer_id" varchar(36) NOT NULL,
	"subscription_id" varchar(36),
	"invoice_id" varchar(36),
	"amount" bigint NOT NULL,
	"currency" varchar(3) NOT NULL,
	"status" varchar(32) NOT NULL,
	"payment_method_id" varchar(191),
	"provider_payment_ids" jsonb NOT NULL,
	"failure_code" varchar(191),
	"failure_message" text,
	"metadata" jsonb NOT NULL,
	"livemode" boolean NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_plans" (
	"id" varchar(36) PRIMARY KEY NOT NULL,
	"name" varchar(255) NOT NULL,
	"description" text,
	"active" boolean NOT NULL,
	"features" jsonb NOT NULL,
	"entitlements" jsonb NOT NULL,
	"limits" jsonb NOT NULL,
	"metadata" jsonb NOT NULL,
	"livemode" boolean NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"deleted_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "billing_prices" (
	"id" varchar(36) PRIMARY KEY NOT NULL,
	"plan_id" varchar(36) NOT NULL,
	"nickname" varchar(255),
	"currency" varchar(3) NOT NULL,
	"unit_amount" bigint NOT NULL,
	"billing_interval" varchar(32) NOT NULL,
	"interval_count" bigint NOT NULL,
	"trial_days" bigint,
	"active" boolean NOT NULL,
	"provider_price_ids" jsonb NOT NULL,
	"metadata" jsonb NOT NULL,
	"livemode" boolean NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_promo_code_usage" (
	"id" varchar(36) PRIMARY KEY NOT NULL,
	"promo_code_id" varchar(36) NOT NULL,
	"customer_id" varchar(36) NOT NULL,
	"subscription_id" varchar(36),
	"discount_amount" bigint NOT NULL,
	"currency" varchar(3) NOT NULL,
	"used_at" timestamp (3) with time zone NOT NULL,
	"livemode" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_promo_codes" (
	"id" varchar(36) PRIMARY KEY NOT NULL,
	"code" varchar(64) NOT NULL,
	"code_lower" varchar(64) NOT NULL,
	"discount_type" varchar(32) NOT NULL,
	"discount_value" bigint NOT NULL,
	"currency" varchar(3),
	"stacking_mode" varchar(32) NOT NULL,
	"conditions" jsonb NOT NULL,
	"max_redemptions" bigint,
	"current_redemptions" bigint NOT NULL,
	"max_redemptions_per_customer" bigint,
	"valid_from" timestamp (3) with time zone,
	"valid_until" timestamp (3) with time zone,
	"applicable_plan_ids" jsonb NOT NULL,
	"applicable_product_ids" jsonb NOT NULL,
	"active" boolean NOT NULL,
	"metadata" jsonb NOT NULL,
	"livemode" boolean NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"deleted_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "billing_refunds" (
	"id" varchar(36) PRIMARY KEY NOT NULL,
	"payment_id" varchar(36) NOT NULL,
	"amount" bigint NOT NULL,
	"currency" varchar(3) NOT NULL,
	"status" varchar(32) NOT NULL,
	"reason" text,
	"provider_refund_id" varchar(191),
	"livemode" boolean NOT NULL,
	"metadata" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_sequences" (
	"name" varchar(64) PRIMARY KEY NOT NULL,
	"value" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_subscription_addons" (
	"id" varchar(36) PRIMARY KEY NOT NULL,
	"subscription_id" varchar(36) NOT NULL,
	"add_on_id" varchar(36) NOT NULL,
	"quantity" bigint NOT NULL,
	"unit_amount" bigint NOT NULL,
	"currency" varchar(3) NOT NULL,
	"status" varchar(32) NOT NULL,
	"added_at" timestamp (3) with time zone NOT NULL,
	"canceled_at" timestamp (3) with time zone,
	"expires_at" timestamp (3) with time zone,
	"metadata" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_subscription_polling_jobs" (
	"id" varchar(36) PRIMARY KEY NOT NULL,
	"subscription_id" varchar(36) NOT NULL,
	"provider" varchar(64) NOT NULL,
	"provider_resource_id" varchar(191) NOT NULL,
	"resource_type" varchar(32) NOT NULL,
	"status" varchar(32) NOT NULL,
	"attempts" bigint NOT NULL,
	"max_attempts" bigint NOT NULL,
	"next_poll_at" timestamp (3) with time zone NOT NULL,
	"last_polled_at" timestamp (3) with time zone,
	"last_provider_status" text,
	"last_error" text,
	"metadata" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"completed_at" timestamp (3) with time zone,
	"version" varchar(36) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_subscriptions" (
	"id" varchar(36) PRIMARY KEY NOT NULL,
	"customer_id" varchar(36) NOT NULL,
	"plan_id" varchar(191) NOT NULL,
	"status" varchar(32) NOT NULL,
	"interval" varchar(32) NOT NULL,
	"interval_count" bigint NOT NULL,
	"quantity" bigint NOT NULL,
	"current_period_start" timestamp (3) with time zone NOT NULL,
	"current_period_end" timestamp (3) with time zone NOT NULL,
	"trial_start" timestamp (3) with time zone,
	"trial_end" timestamp (3) with time zone,
	"cancel_at" timestamp (3) with time zone,
	"canceled_at" timestamp (3) with time zone,
	"cancel_at_period_end" boolean NOT NULL,
	"provider_subscription_ids" jsonb NOT NULL,
	"promo_code_id" varchar(36),
	"metadata" jsonb NOT NULL,
	"scheduled_plan_change" jsonb,
	"livemode" boolean NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"deleted_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "billing_usage_records" (
	"id" varchar(36) PRIMARY KEY NOT NULL,
	"customer_id" varchar(36) NOT NULL,
	"subscription_id" varchar(36),
	"limit_key" varchar(191) NOT NULL,
	"quantity" bigint NOT NULL,
	"action" varchar(16) NOT NULL,
	"timestamp" timestamp (3) with time zone NOT NULL,
	"idempotency_key" varchar(191),
	"metadata" jsonb NOT NULL,
	"livemode" boolean NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_vendor_payouts" (
	"id" varchar(36) PRIMARY KEY NOT NULL,
	"vendor_id" varchar(36) NOT NULL,
	"amount" bigint NOT NULL,
	"currency" varchar(3) NOT NULL,
	"status" varchar(32) NOT NULL,
	"period_start" timestamp (3) with time zone NOT NULL,
	"period_end" timestamp (3) with time zone NOT NULL,
	"provider_payout_ids" jsonb NOT NULL,
	"paid_at" timestamp (3) with time zone,
	"livemode" boolean NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_vendors" (
	"id" varchar(36) PRIMARY KEY NOT NULL,
	"external_id" varchar(191) NOT NULL,
	"name" varchar(255) NOT NULL,
	"email" varchar(191) NOT NULL,
	"status" varchar(32) NOT NULL,
	"commission_rate" numeric(5, 2) NOT NULL,
	"payout_schedule" jsonb NOT NULL,
	"provider_account_ids" jsonb NOT NULL,
	"metadata" jsonb NOT NULL,
	"livemode" boolean NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"deleted_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "billing_webhook_events" (
	"id" varchar(36) PRIMARY KEY NOT NULL,
	"provider" varchar(64) NOT NULL,
	"provider_event_id" varchar(191) NOT NULL,
	"type" varchar(191) NOT NULL,
	"payload" jsonb NOT NULL,
	"status" varchar(16) NOT NULL,
	"attempts" bigint NOT NULL,
	"last_error" text,
	"locked_until" timestamp (3) with time zone,
	"received_at" timestamp (3) with time zone NOT NULL,
	"processed_at" timestamp (3) with time zone,
	"livemode" boolean NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "billing_checkouts" ADD CONSTRAINT "billing_checkouts_customer_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."billing_customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_checkouts" ADD CONSTRAINT "billing_checkouts_payment_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."billing_payments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_checkouts" ADD CONSTRAINT "billing_checkouts_subscription_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."billing_subscriptions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_customer_entitlements" ADD CONSTRAINT "billing_customer_entitlements_customer_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."billing_customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_customer_limits" ADD CONSTRAINT "billing_customer_limits_customer_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."billing_customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_invoice_lines" ADD CONSTRAINT "billing_invoice_lines_invoice_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."billing_invoices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_invoice_payments" ADD CONSTRAINT "billing_invoice_payments_invoice_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."billing_invoices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_invoice_payments" ADD CONSTRAINT "billing_invoice_payments_payment_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."billing_payments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_invoices" ADD CONSTRAINT "billing_invoices_customer_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."billing_customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_invoices" ADD CONSTRAINT "billing_invoices_subscription_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."billing_subscriptions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_payment_methods" ADD CONSTRAINT "billing_payment_methods_customer_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."billing_customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_payments" ADD CONSTRAINT "billing_payments_customer_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."billing_customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_payments" ADD CONSTRAINT "billing_payments_subscription_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."billing_subscriptions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_prices" ADD CONSTRAINT "billing_prices_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."billing_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_promo_code_usage" ADD CONSTRAINT "billing_promo_code_usage_promo_code_id_fk" FOREIGN KEY ("promo_code_id") REFERENCES "public"."billing_promo_codes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_promo_code_usage" ADD CONSTRAINT "billing_promo_code_usage_customer_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."billing_customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_promo_code_usage" ADD CONSTRAINT "billing_promo_code_usage_subscription_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."billing_subscriptions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_refunds" ADD CONSTRAINT "billing_refunds_payment_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."billing_payments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_subscription_addons" ADD CONSTRAINT "billing_subscription_addons_subscription_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."billing_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_subscription_addons" ADD CONSTRAINT "billing_subscription_addons_add_on_id_fk" FOREIGN KEY ("add_on_id") REFERENCES "public"."billing_addons"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_subscription_polling_jobs" ADD CONSTRAINT "billing_subscription_polling_jobs_subscription_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."billing_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_subscriptions" ADD CONSTRAINT "billing_subscriptions_customer_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."billing_customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_subscriptions" ADD CONSTRAINT "billing_subscriptions_promo_code_id_fk" FOREIGN KEY ("promo_code_id") REFERENCES "public"."billing_promo_codes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_usage_records" ADD CONSTRAINT "billing_usage_records_customer_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."billing_customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_usage_records" ADD CONSTRAINT "billing_usage_records_subscription_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."billing_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_vendor_payouts" ADD CONSTRAINT "billing_vendor_payouts_vendor_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."billing_vendors"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "billing_addons_name_idx" ON "billing_addons" USING btree ("name");--> statement-breakpoint
CREATE INDEX "billing_addons_livemode_created_at_idx" ON "billing_addons" USING btree ("livemode","created_at");--> statement-breakpoint
CREATE INDEX "billing_audit_logs_entity_created_at_idx" ON "billing_audit_logs" USING btree ("entity_type","entity_id","created_at");--> statement-breakpoint
CREATE INDEX "billing_audit_logs_actor_created_at_idx" ON "billing_audit_logs" USING btree ("actor_id","created_at");--> statement-breakpoint
CREATE INDEX "billing_audit_logs_created_at_idx" ON "billing_audit_logs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "billing_checkouts_customer_created_at_idx" ON "billing_checkouts" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "billing_checkouts_livemode_created_at_idx" ON "billing_checkouts" USING btree ("livemode","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "billing_customer_entitlements_customer_key_uq" ON "billing_customer_entitlements" USING btree ("customer_id","entitlement_key");--> statement-breakpoint
CREATE INDEX "billing_customer_entitlements_source_idx" ON "billing_customer_entitlements" USING btree ("source","source_id");--> statement-breakpoint
CREATE UNIQUE INDEX "billing_customer_limits_customer_key_uq" ON "billing_customer_limits" USING btree ("customer_id","limit_key");--> statement-breakpoint
CREATE INDEX "billing_customer_limits_source_idx" ON "billing_customer_limits" USING btree ("source","source_id");--> statement-breakpoint
CREATE INDEX "billing_customers_external_id_livemode_idx" ON "billing_customers" USING btree ("external_id","livemode");--> statement-breakpoint
CREATE INDEX "billing_customers_email_lower_livemode_idx" ON "billing_customers" USING btree ("email_lower","livemode");--> statement-breakpoint
CREATE INDEX "billing_customers_livemode_created_at_idx" ON "billing_customers" USING btree ("livemode","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "billing_entitlements_key_uq" ON "billing_entitlements" USING btree ("key");--> statement-breakpoint
CREATE INDEX "billing_idempotency_keys_expires_at_idx" ON "billing_idempotency_keys" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "billing_invoice_lines_invoice_position_uq" ON "billing_invoice_lines" USING btree ("invoice_id","position");--> statement-breakpoint
CREATE INDEX "billing_invoice_payments_invoice_idx" ON "billing_invoice_payments" USING btree ("invoice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "billing_invoices_livemode_number_uq" ON "billing_invoices" USING btree ("livemode","number");--> statement-breakpoint
CREATE INDEX "billing_invoices_customer_created_at_idx" ON "billing_invoices" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "billing_invoices_livemode_created_at_idx" ON "billing_invoices" USING btree ("livemode","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "billing_limits_key_uq" ON "billing_limits" USING btree ("key");--> statement-breakpoint
CREATE INDEX "billing_payment_methods_customer_created_at_idx" ON "billing_payment_methods" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "billing_payment_methods_customer_default_idx" ON "billing_payment_methods" USING btree ("customer_id","is_default");--> statement-breakpoint
CREATE INDEX "billing_payment_methods_livemode_created_at_idx" ON "billing_payment_methods" USING btree ("livemode","created_at");--> statement-breakpoint
CREATE INDEX "billing_payments_customer_created_at_idx" ON "billing_payments" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "billing_payments_livemode_created_at_idx" ON "billing_payments" USING btree ("livemode","created_at");--> statement-breakpoint
CREATE INDEX "billing_plans_livemode_created_at_idx" ON "billing_plans" USING btree ("livemode","created_at");--> statement-breakpoint
CREATE INDEX "billing_prices_plan_active_unit_amount_idx" ON "billing_prices" USING btree ("plan_id","active","unit_amount");--> statement-breakpoint
CREATE INDEX "billing_prices_livemode_created_at_idx" ON "billing_prices" USING btree ("livemode","created_at");--> statement-breakpoint
CREATE INDEX "billing_promo_code_usage_promo_customer_idx" ON "billing_promo_code_usage" USING btree ("promo_code_id","customer_id");--> statement-breakpoint
CREATE INDEX "billing_promo_code_usage_customer_used_at_idx" ON "billing_promo_code_usage" USING btree ("customer_id","used_at");--> statement-breakpoint
CREATE UNIQUE INDEX "billing_promo_codes_code_lower_livemode_uq" ON "billing_promo_codes" USING btree ("code_lower","livemode");--> statement-breakpoint
CREATE INDEX "billing_promo_codes_livemode_created_at_idx" ON "billing_promo_codes" USING btree ("livemode","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "billing_refunds_provider_refund_id_uq" ON "billing_refunds" USING btree ("provider_refund_id");--> statement-breakpoint
CREATE INDEX "billing_refunds_payment_status_idx" ON "billing_refunds" USING btree ("payment_id","status");--> statement-breakpoint
CREATE INDEX "billing_subscription_addons_sub_addon_status_idx" ON "billing_subscription_addons" USING btree ("subscription_id","add_on_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "billing_subscription_polling_jobs_pending_resource_uq" ON "billing_subscription_polling_jobs" USING btree ("provider","provider_resource_id") WHERE "status" = 'pending';--> statement-breakpoint
CREATE INDEX "billing_subscription_polling_jobs_sub_status_created_idx" ON "billing_subscription_polling_jobs" USING btree ("subscription_id","status","created_at");--> statement-breakpoint
CREATE INDEX "billing_subscription_polling_jobs_status_next_poll_idx" ON "billing_subscription_polling_jobs" USING btree ("status","next_poll_at");--> statement-breakpoint
CREATE INDEX "billing_subscriptions_customer_created_at_idx" ON "billing_subscriptions" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "billing_subscriptions_livemode_created_at_idx" ON "billing_subscriptions" USING btree ("livemode","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "billing_usage_records_idempotency_key_uq" ON "billing_usage_records" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "billing_usage_records_sub_key_timestamp_idx" ON "billing_usage_records" USING btree ("subscription_id","limit_key","timestamp");--> statement-breakpoint
CREATE INDEX "billing_usage_records_customer_key_idx" ON "billing_usage_records" USING btree ("customer_id","limit_key");--> statement-breakpoint
CREATE INDEX "billing_vendor_payouts_vendor_created_at_idx" ON "billing_vendor_payouts" USING btree ("vendor_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "billing_vendors_external_id_uq" ON "billing_vendors" USING btree ("external_id");--> statement-breakpoint
CREATE INDEX "billing_vendors_livemode_created_at_idx" ON "billing_vendors" USING btree ("livemode","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "billing_webhook_events_provider_event_uq" ON "billing_webhook_events" USING btree ("provider","provider_event_id");--> statement-breakpoint
CREATE INDEX "billing_webhook_events_status_received_at_idx" ON "billing_webhook_events" USING btree ("status","received_at");--> statement-breakpoint
CREATE INDEX "billing_webhook_events_livemode_created_at_idx" ON "billing_webhook_events" USING btree ("livemode","created_at");