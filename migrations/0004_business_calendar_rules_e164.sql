CREATE TABLE `closures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`date` text NOT NULL,
	`start_minute` integer,
	`end_minute` integer,
	`reason` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `closures_date_idx` ON `closures` (`date`);--> statement-breakpoint
CREATE TABLE `holidays` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`rule` text NOT NULL,
	`month` integer NOT NULL,
	`day` integer,
	`weekday` integer,
	`nth` integer,
	`observed` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `holidays_slug_uq` ON `holidays` (`slug`);--> statement-breakpoint
CREATE TABLE `opening_hours` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`weekday` integer NOT NULL,
	`opens_minute` integer NOT NULL,
	`closes_minute` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `opening_hours_weekday_idx` ON `opening_hours` (`weekday`);--> statement-breakpoint
DROP INDEX `customers_phone_idx`;--> statement-breakpoint
ALTER TABLE `customers` ADD `phone_e164` text;--> statement-breakpoint
CREATE INDEX `customers_phone_e164_idx` ON `customers` (`phone_e164`);--> statement-breakpoint
ALTER TABLE `bookings` ADD `phone_e164` text;--> statement-breakpoint
CREATE INDEX `bookings_phone_e164_idx` ON `bookings` (`phone_e164`,`starts_at`);--> statement-breakpoint
ALTER TABLE `employees` ADD `max_jobs_per_day` integer;--> statement-breakpoint
ALTER TABLE `services` ADD `buffer_minutes` integer;--> statement-breakpoint
-- Hand-added backfill: phones in E.164 as worker/domain/phones.ts writes them, for the shipped
-- DEFAULT_PHONE_REGION "US": "+…" keeps its digits, ten digits are a US/Canada number (+1…), eleven
-- starting with 1 too. Anything else (letters, an extension, too short) stays NULL and is compared by
-- normalizing the typed text when it is read; the typed text itself is kept.
UPDATE `customers` SET `phone_e164` = CASE WHEN replace(replace(replace(replace(replace(replace(`phone`, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '') GLOB '*[^0-9]*' THEN NULL
		WHEN trim(`phone`) LIKE '+%' AND length(replace(replace(replace(replace(replace(replace(`phone`, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')) BETWEEN 8 AND 15 THEN '+' || replace(replace(replace(replace(replace(replace(`phone`, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')
		WHEN length(replace(replace(replace(replace(replace(replace(`phone`, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')) = 10 AND substr(replace(replace(replace(replace(replace(replace(`phone`, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', ''), 1, 1) BETWEEN '2' AND '9' THEN '+1' || replace(replace(replace(replace(replace(replace(`phone`, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')
		WHEN length(replace(replace(replace(replace(replace(replace(`phone`, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')) = 11 AND substr(replace(replace(replace(replace(replace(replace(`phone`, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', ''), 1, 1) = '1' THEN '+' || replace(replace(replace(replace(replace(replace(`phone`, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')
	END WHERE `phone` IS NOT NULL;--> statement-breakpoint
UPDATE `bookings` SET `phone_e164` = CASE WHEN replace(replace(replace(replace(replace(replace(`contact_phone`, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '') GLOB '*[^0-9]*' THEN NULL
		WHEN trim(`contact_phone`) LIKE '+%' AND length(replace(replace(replace(replace(replace(replace(`contact_phone`, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')) BETWEEN 8 AND 15 THEN '+' || replace(replace(replace(replace(replace(replace(`contact_phone`, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')
		WHEN length(replace(replace(replace(replace(replace(replace(`contact_phone`, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')) = 10 AND substr(replace(replace(replace(replace(replace(replace(`contact_phone`, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', ''), 1, 1) BETWEEN '2' AND '9' THEN '+1' || replace(replace(replace(replace(replace(replace(`contact_phone`, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')
		WHEN length(replace(replace(replace(replace(replace(replace(`contact_phone`, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')) = 11 AND substr(replace(replace(replace(replace(replace(replace(`contact_phone`, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', ''), 1, 1) = '1' THEN '+' || replace(replace(replace(replace(replace(replace(`contact_phone`, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')
	END WHERE `contact_phone` IS NOT NULL;
