CREATE TABLE `customised_roles` (
	`role_id` text PRIMARY KEY NOT NULL,
	`edited_at` text NOT NULL,
	`edited_by_user_id` text,
	`note` text NOT NULL,
	FOREIGN KEY (`role_id`) REFERENCES `roles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`edited_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
