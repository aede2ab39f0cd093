CREATE TABLE `presentation_challenges` (
	`challenge` text PRIMARY KEY NOT NULL,
	`audience` text NOT NULL,
	`holder` text,
	`expires_at` text NOT NULL,
	`consumed_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `presentation_challenges_expiry_idx` ON `presentation_challenges` (`expires_at`);--> statement-breakpoint
ALTER TABLE `credentials` ADD `format` text DEFAULT 'vc+jwt' NOT NULL;