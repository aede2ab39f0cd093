CREATE TABLE `presentation_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_by` text,
	`role_ref` text,
	`nonce` text NOT NULL,
	`state` text NOT NULL,
	`expires_at` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`responded_at` text,
	`holder_did` text,
	`outcome` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `presentation_requests_state_uq` ON `presentation_requests` (`state`);--> statement-breakpoint
CREATE INDEX `presentation_requests_org_idx` ON `presentation_requests` (`org_id`,`created_at`);