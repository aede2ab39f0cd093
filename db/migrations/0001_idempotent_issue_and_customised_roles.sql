CREATE TABLE `customised_roles` (
	`role_id` text PRIMARY KEY NOT NULL,
	`edited_at` text NOT NULL,
	`edited_by_user_id` text,
	`note` text NOT NULL,
	FOREIGN KEY (`role_id`) REFERENCES `roles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`edited_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `issue_requests` (
	`org_id` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`credential_id` text NOT NULL,
	`created_at` text NOT NULL,
	`notified_at` text,
	PRIMARY KEY(`org_id`, `key`),
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`credential_id`) REFERENCES `credentials`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `issue_requests_credential_idx` ON `issue_requests` (`credential_id`);