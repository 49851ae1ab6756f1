ALTER TABLE `audit_log` ADD `request_id` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `write_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `audit_log_write_key_idx` ON `audit_log` (`write_key`);