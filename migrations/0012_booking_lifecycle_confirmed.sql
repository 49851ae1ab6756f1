-- One story about a booking's status (#13): a booking is confirmed when it is made; there is no pending step.
-- Hand-added: the UPDATE of rows made before (drizzle-kit wrote the index change).
DROP INDEX `bookings_active_slot_uq`;--> statement-breakpoint
UPDATE `bookings` SET `status` = 'confirmed' WHERE `status` = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_active_slot_uq` ON `bookings` (`employee_id`,`starts_at`) WHERE status = 'confirmed';