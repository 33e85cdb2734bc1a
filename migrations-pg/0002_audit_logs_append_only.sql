CREATE FUNCTION "billing_audit_logs_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'billing_audit_logs is append-only: % is not allowed', TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "billing_audit_logs_no_update_delete" BEFORE UPDATE OR DELETE ON "billing_audit_logs" FOR EACH ROW EXECUTE FUNCTION "billing_audit_logs_append_only"();
--> statement-breakpoint
CREATE TRIGGER "billing_audit_logs_no_truncate" BEFORE TRUNCATE ON "billing_audit_logs" FOR EACH STATEMENT EXECUTE FUNCTION "billing_audit_logs_append_only"();
