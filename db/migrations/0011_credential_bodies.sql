CREATE TABLE `credential_bodies` (
	`key` text PRIMARY KEY NOT NULL,
	`body` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `credential_bodies` (`key`, `body`) SELECT `id`, `jwt` FROM `credentials`;--> statement-breakpoint
ALTER TABLE `credentials` DROP COLUMN `jwt`;