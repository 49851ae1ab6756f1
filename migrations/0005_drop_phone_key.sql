DROP INDEX `bookings_phone_key_idx`;--> statement-breakpoint
ALTER TABLE `bookings` DROP COLUMN `phone_key`;