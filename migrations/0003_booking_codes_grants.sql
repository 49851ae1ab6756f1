CREATE TABLE `booking_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`booking_number` text NOT NULL,
	`booking_id` integer,
	`subject` text NOT NULL,
	`session_id` text,
	`channel` text NOT NULL,
	`destination_digest` text NOT NULL,
	`salt` text NOT NULL,
	`code_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`used_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `booking_codes_number_subject_idx` ON `booking_codes` (`booking_number`,`subject`,`id`);--> statement-breakpoint
CREATE INDEX `booking_codes_subject_idx` ON `booking_codes` (`subject`,`created_at`);--> statement-breakpoint
CREATE INDEX `booking_codes_session_idx` ON `booking_codes` (`session_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `booking_codes_number_idx` ON `booking_codes` (`booking_number`,`created_at`);--> statement-breakpoint
CREATE INDEX `booking_codes_destination_idx` ON `booking_codes` (`destination_digest`,`created_at`);--> statement-breakpoint
CREATE INDEX `booking_codes_created_idx` ON `booking_codes` (`created_at`);--> statement-breakpoint
CREATE TABLE `booking_grants` (
	`booking_id` integer NOT NULL,
	`subject` text NOT NULL,
	`channel` text NOT NULL,
	`granted_at` integer NOT NULL,
	PRIMARY KEY(`booking_id`, `subject`),
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `booking_grants_subject_idx` ON `booking_grants` (`subject`);--> statement-breakpoint
CREATE TABLE `outbound_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel` text NOT NULL,
	`recipient` text NOT NULL,
	`subject` text,
	`body` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `outbound_messages_recipient_idx` ON `outbound_messages` (`recipient`,`created_at`);