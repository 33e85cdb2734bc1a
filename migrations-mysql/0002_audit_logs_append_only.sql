CREATE TRIGGER `billing_audit_logs_no_update` BEFORE UPDATE ON `billing_audit_logs` FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'billing_audit_logs is append-only: UPDATE is not allowed';
--> statement-breakpoint
CREATE TRIGGER `billing_audit_logs_no_delete` BEFORE DELETE ON `billing_audit_logs` FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'billing_audit_logs is append-only: DELETE is not allowed';
