CREATE TRIGGER `billing_audit_logs_no_update` BEFORE UPDATE ON `billing_audit_logs` BEGIN SELECT RAISE(ABORT, 'billing_audit_logs is append-only: UPDATE is not allowed'); END;
--> statement-breakpoint
CREATE TRIGGER `billing_audit_logs_no_delete` BEFORE DELETE ON `billing_audit_logs` BEGIN SELECT RAISE(ABORT, 'billing_audit_logs is append-only: DELETE is not allowed'); END;
