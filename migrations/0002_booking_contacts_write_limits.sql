CREATE TABLE `booking_lookup_failures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`subject` text NOT NULL,
	`session_id` text,
	`booking_number` text NOT NULL,
	`detail_digest` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `booking_lookup_failures_subject_idx` ON `booking_lookup_failures` (`subject`,`at`);--> statement-breakpoint
CREATE INDEX `booking_lookup_failures_session_idx` ON `booking_lookup_failures` (`session_id`,`at`);--> statement-breakpoint
CREATE INDEX `booking_lookup_failures_number_idx` ON `booking_lookup_failures` (`booking_number`,`at`);--> statement-breakpoint
CREATE INDEX `booking_lookup_failures_detail_idx` ON `booking_lookup_failures` (`detail_digest`,`at`);--> statement-breakpoint
CREATE INDEX `booking_lookup_failures_at_idx` ON `booking_lookup_failures` (`at`);--> statement-breakpoint
ALTER TABLE `bookings` ADD `contact_name` text;--> statement-breakpoint
ALTER TABLE `bookings` ADD `contact_phone` text;--> statement-breakpoint
ALTER TABLE `bookings` ADD `contact_email` text;--> statement-breakpoint
ALTER TABLE `bookings` ADD `phone_key` text;--> statement-breakpoint
ALTER TABLE `bookings` ADD `session_id` text;--> statement-breakpoint
CREATE INDEX `bookings_created_by_idx` ON `bookings` (`created_by`,`created_at`);--> statement-breakpoint
CREATE INDEX `bookings_session_idx` ON `bookings` (`session_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `bookings_phone_key_idx` ON `bookings` (`phone_key`,`starts_at`);--> statement-breakpoint
ALTER TABLE `tickets` ADD `session_id` text;--> statement-breakpoint
CREATE INDEX `tickets_opened_by_created_idx` ON `tickets` (`opened_by`,`created_at`);--> statement-breakpoint
CREATE INDEX `tickets_session_idx` ON `tickets` (`session_id`,`created_at`);--> statement-breakpoint
-- Hand-added backfill: bookings made before these columns keep the details their customer row holds now,
-- and their phone key (digits only, a leading US/Canada 1 dropped, as phoneKey() in worker/domain/customers.ts).
UPDATE `bookings` SET
	`contact_name` = (SELECT `name` FROM `customers` WHERE `customers`.`id` = `bookings`.`customer_id`),
	`contact_phone` = (SELECT `phone` FROM `customers` WHERE `customers`.`id` = `bookings`.`customer_id`),
	`contact_email` = (SELECT `email` FROM `customers` WHERE `customers`.`id` = `bookings`.`customer_id`)
WHERE `contact_name` IS NULL;
--> statement-breakpoint
UPDATE `bookings` SET `phone_key` = replace(replace(replace(replace(replace(replace(`contact_phone`, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')
WHERE `contact_phone` IS NOT NULL AND `phone_key` IS NULL;
--> statement-breakpoint
UPDATE `bookings` SET `phone_key` = substr(`phone_key`, 2) WHERE length(`phone_key`) = 11 AND substr(`phone_key`, 1, 1) = '1';
