ALTER TABLE "billing_addons"
  ALTER COLUMN "id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "name" SET DATA TYPE varchar(191) COLLATE "C",
  ALTER COLUMN "description" SET DATA TYPE text COLLATE "C",
  ALTER COLUMN "currency" SET DATA TYPE varchar(3) COLLATE "C",
  ALTER COLUMN "billing_interval" SET DATA TYPE varchar(32) COLLATE "C";--> statement-breakpoint
ALTER TABLE "billing_audit_logs"
  ALTER COLUMN "id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "entity_type" SET DATA TYPE varchar(64) COLLATE "C",
  ALTER COLUMN "entity_id" SET DATA TYPE varchar(191) COLLATE "C",
  ALTER COLUMN "action" SET DATA TYPE varchar(64) COLLATE "C",
  ALTER COLUMN "actor_type" SET DATA TYPE varchar(32) COLLATE "C",
  ALTER COLUMN "actor_id" SET DATA TYPE varchar(191) COLLATE "C",
  ALTER COLUMN "ip_address" SET DATA TYPE varchar(45) COLLATE "C",
  ALTER COLUMN "user_agent" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "billing_checkouts"
  ALTER COLUMN "id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "customer_id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "customer_email" SET DATA TYPE varchar(255) COLLATE "C",
  ALTER COLUMN "mode" SET DATA TYPE varchar(32) COLLATE "C",
  ALTER COLUMN "status" SET DATA TYPE varchar(32) COLLATE "C",
  ALTER COLUMN "currency" SET DATA TYPE varchar(3) COLLATE "C",
  ALTER COLUMN "success_url" SET DATA TYPE text COLLATE "C",
  ALTER COLUMN "cancel_url" SET DATA TYPE text COLLATE "C",
  ALTER COLUMN "payment_id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "subscription_id" SET DATA TYPE varchar(36) COLLATE "C";--> statement-breakpoint
ALTER TABLE "billing_currencies"
  ALTER COLUMN "code" SET DATA TYPE varchar(3) COLLATE "C",
  ALTER COLUMN "name" SET DATA TYPE varchar(255) COLLATE "C",
  ALTER COLUMN "symbol" SET DATA TYPE varchar(8) COLLATE "C";--> statement-breakpoint
ALTER TABLE "billing_customer_entitlements"
  ALTER COLUMN "id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "customer_id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "entitlement_key" SET DATA TYPE varchar(191) COLLATE "C",
  ALTER COLUMN "source" SET DATA TYPE varchar(32) COLLATE "C",
  ALTER COLUMN "source_id" SET DATA TYPE varchar(191) COLLATE "C";--> statement-breakpoint
ALTER TABLE "billing_customer_limits"
  ALTER COLUMN "id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "customer_id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "limit_key" SET DATA TYPE varchar(191) COLLATE "C",
  ALTER COLUMN "source" SET DATA TYPE varchar(32) COLLATE "C",
  ALTER COLUMN "source_id" SET DATA TYPE varchar(191) COLLATE "C";--> statement-breakpoint
ALTER TABLE "billing_customers"
  ALTER COLUMN "id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "external_id" SET DATA TYPE varchar(255) COLLATE "C",
  ALTER COLUMN "email" SET DATA TYPE varchar(255) COLLATE "C",
  ALTER COLUMN "email_lower" SET DATA TYPE varchar(765) COLLATE "C",
  ALTER COLUMN "name" SET DATA TYPE varchar(255) COLLATE "C",
  ALTER COLUMN "phone" SET DATA TYPE varchar(64) COLLATE "C";--> statement-breakpoint
ALTER TABLE "billing_entitlements"
  ALTER COLUMN "id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "key" SET DATA TYPE varchar(191) COLLATE "C",
  ALTER COLUMN "name" SET DATA TYPE varchar(255) COLLATE "C",
  ALTER COLUMN "description" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "billing_idempotency_keys"
  ALTER COLUMN "key" SET DATA TYPE varchar(191) COLLATE "C",
  ALTER COLUMN "operation" SET DATA TYPE varchar(191) COLLATE "C",
  ALTER COLUMN "fingerprint" SET DATA TYPE varchar(191) COLLATE "C",
  ALTER COLUMN "state" SET DATA TYPE varchar(16) COLLATE "C";--> statement-breakpoint
ALTER TABLE "billing_invoice_lines"
  ALTER COLUMN "id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "invoice_id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "description" SET DATA TYPE text COLLATE "C",
  ALTER COLUMN "price_id" SET DATA TYPE varchar(191) COLLATE "C";--> statement-breakpoint
ALTER TABLE "billing_invoice_payments"
  ALTER COLUMN "id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "invoice_id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "payment_id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "currency" SET DATA TYPE varchar(3) COLLATE "C";--> statement-breakpoint
ALTER TABLE "billing_invoices"
  ALTER COLUMN "id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "number" SET DATA TYPE varchar(32) COLLATE "C",
  ALTER COLUMN "customer_id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "subscription_id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "status" SET DATA TYPE varchar(32) COLLATE "C",
  ALTER COLUMN "currency" SET DATA TYPE varchar(3) COLLATE "C";--> statement-breakpoint
ALTER TABLE "billing_limits"
  ALTER COLUMN "id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "key" SET DATA TYPE varchar(191) COLLATE "C",
  ALTER COLUMN "name" SET DATA TYPE varchar(255) COLLATE "C",
  ALTER COLUMN "description" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "billing_payment_methods"
  ALTER COLUMN "id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "customer_id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "type" SET DATA TYPE varchar(32) COLLATE "C",
  ALTER COLUMN "status" SET DATA TYPE varchar(32) COLLATE "C";--> statement-breakpoint
ALTER TABLE "billing_payments"
  ALTER COLUMN "id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "customer_id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "subscription_id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "invoice_id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "currency" SET DATA TYPE varchar(3) COLLATE "C",
  ALTER COLUMN "status" SET DATA TYPE varchar(32) COLLATE "C",
  ALTER COLUMN "payment_method_id" SET DATA TYPE varchar(191) COLLATE "C",
  ALTER COLUMN "failure_code" SET DATA TYPE varchar(191) COLLATE "C",
  ALTER COLUMN "failure_message" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "billing_plans"
  ALTER COLUMN "id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "name" SET DATA TYPE varchar(255) COLLATE "C",
  ALTER COLUMN "description" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "billing_prices"
  ALTER COLUMN "id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "plan_id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "nickname" SET DATA TYPE varchar(255) COLLATE "C",
  ALTER COLUMN "currency" SET DATA TYPE varchar(3) COLLATE "C",
  ALTER COLUMN "billing_interval" SET DATA TYPE varchar(32) COLLATE "C";--> statement-breakpoint
ALTER TABLE "billing_promo_code_usage"
  ALTER COLUMN "id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "promo_code_id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "customer_id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "subscription_id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "currency" SET DATA TYPE varchar(3) COLLATE "C";--> statement-breakpoint
ALTER TABLE "billing_promo_codes"
  ALTER COLUMN "id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "code" SET DATA TYPE varchar(64) COLLATE "C",
  ALTER COLUMN "code_lower" SET DATA TYPE varchar(192) COLLATE "C",
  ALTER COLUMN "discount_type" SET DATA TYPE varchar(32) COLLATE "C",
  ALTER COLUMN "currency" SET DATA TYPE varchar(3) COLLATE "C",
  ALTER COLUMN "stacking_mode" SET DATA TYPE varchar(32) COLLATE "C";--> statement-breakpoint
ALTER TABLE "billing_refunds"
  ALTER COLUMN "id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "payment_id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "currency" SET DATA TYPE varchar(3) COLLATE "C",
  ALTER COLUMN "status" SET DATA TYPE varchar(32) COLLATE "C",
  ALTER COLUMN "reason" SET DATA TYPE text COLLATE "C",
  ALTER COLUMN "provider_refund_id" SET DATA TYPE varchar(255) COLLATE "C";--> statement-breakpoint
ALTER TABLE "billing_sequences"
  ALTER COLUMN "name" SET DATA TYPE varchar(64) COLLATE "C";--> statement-breakpoint
ALTER TABLE "billing_subscription_addons"
  ALTER COLUMN "id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "subscription_id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "add_on_id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "currency" SET DATA TYPE varchar(3) COLLATE "C",
  ALTER COLUMN "status" SET DATA TYPE varchar(32) COLLATE "C";--> statement-breakpoint
ALTER TABLE "billing_subscription_polling_jobs"
  ALTER COLUMN "id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "subscription_id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "provider" SET DATA TYPE varchar(64) COLLATE "C",
  ALTER COLUMN "provider_resource_id" SET DATA TYPE varchar(255) COLLATE "C",
  ALTER COLUMN "resource_type" SET DATA TYPE varchar(32) COLLATE "C",
  ALTER COLUMN "status" SET DATA TYPE varchar(32) COLLATE "C",
  ALTER COLUMN "last_provider_status" SET DATA TYPE text COLLATE "C",
  ALTER COLUMN "last_error" SET DATA TYPE text COLLATE "C",
  ALTER COLUMN "version" SET DATA TYPE varchar(36) COLLATE "C";--> statement-breakpoint
ALTER TABLE "billing_subscriptions"
  ALTER COLUMN "id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "customer_id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "plan_id" SET DATA TYPE varchar(191) COLLATE "C",
  ALTER COLUMN "status" SET DATA TYPE varchar(32) COLLATE "C",
  ALTER COLUMN "interval" SET DATA TYPE varchar(32) COLLATE "C",
  ALTER COLUMN "promo_code_id" SET DATA TYPE varchar(36) COLLATE "C";--> statement-breakpoint
ALTER TABLE "billing_usage_records"
  ALTER COLUMN "id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "customer_id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "subscription_id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "limit_key" SET DATA TYPE varchar(191) COLLATE "C",
  ALTER COLUMN "action" SET DATA TYPE varchar(16) COLLATE "C",
  ALTER COLUMN "idempotency_key" SET DATA TYPE varchar(191) COLLATE "C";--> statement-breakpoint
ALTER TABLE "billing_vendor_payouts"
  ALTER COLUMN "id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "vendor_id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "currency" SET DATA TYPE varchar(3) COLLATE "C",
  ALTER COLUMN "status" SET DATA TYPE varchar(32) COLLATE "C";--> statement-breakpoint
ALTER TABLE "billing_vendors"
  ALTER COLUMN "id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "external_id" SET DATA TYPE varchar(255) COLLATE "C",
  ALTER COLUMN "name" SET DATA TYPE varchar(255) COLLATE "C",
  ALTER COLUMN "email" SET DATA TYPE varchar(255) COLLATE "C",
  ALTER COLUMN "status" SET DATA TYPE varchar(32) COLLATE "C";--> statement-breakpoint
ALTER TABLE "billing_webhook_events"
  ALTER COLUMN "id" SET DATA TYPE varchar(36) COLLATE "C",
  ALTER COLUMN "provider" SET DATA TYPE varchar(64) COLLATE "C",
  ALTER COLUMN "provider_event_id" SET DATA TYPE varchar(255) COLLATE "C",
  ALTER COLUMN "type" SET DATA TYPE varchar(255) COLLATE "C",
  ALTER COLUMN "status" SET DATA TYPE varchar(16) COLLATE "C",
  ALTER COLUMN "last_error" SET DATA TYPE text COLLATE "C";