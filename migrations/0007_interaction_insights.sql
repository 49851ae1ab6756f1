ALTER TABLE `interactions` ADD `summary` text;--> statement-breakpoint
ALTER TABLE `interactions` ADD `sentiment` real;--> statement-breakpoint
ALTER TABLE `interactions` ADD `sentiment_label` text;--> statement-breakpoint
ALTER TABLE `interactions` ADD `intent` text;--> statement-breakpoint
ALTER TABLE `interactions` ADD `category` text;--> statement-breakpoint
ALTER TABLE `interactions` ADD `outcome` text;--> statement-breakpoint
ALTER TABLE `interactions` ADD `resolved_at` integer;