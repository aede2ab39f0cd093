CREATE TABLE `workforce_record_keys` (
	`user_id` text PRIMARY KEY NOT NULL,
	`record_key` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `workforce_release_cells` (
	`release_id` text NOT NULL,
	`area_code` text NOT NULL,
	`category` text NOT NULL,
	`tables` text NOT NULL,
	PRIMARY KEY(`release_id`, `area_code`, `category`),
	FOREIGN KEY (`release_id`) REFERENCES `workforce_releases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `workforce_releases` (
	`id` text PRIMARY KEY NOT NULL,
	`cut_at` text NOT NULL,
	`period` text NOT NULL,
	`release_key` integer NOT NULL,
	`method` text NOT NULL,
	`cut_by` text,
	`published_at` text,
	FOREIGN KEY (`cut_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `workforce_releases_cut_idx` ON `workforce_releases` (`cut_at`);