ALTER TABLE `interactions` ADD `csat_score` integer;--> statement-breakpoint
ALTER TABLE `interactions` ADD `csat_comment` text;--> statement-breakpoint
ALTER TABLE `interactions` ADD `csat_at` integer;