CREATE TABLE `achievement_alignments` (
	`achievement_id` text NOT NULL,
	`competency_id` text NOT NULL,
	PRIMARY KEY(`achievement_id`, `competency_id`),
	FOREIGN KEY (`achievement_id`) REFERENCES `achievements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`competency_id`) REFERENCES `competencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `achievement_alignments_comp_idx` ON `achievement_alignments` (`competency_id`);--> statement-breakpoint
CREATE TABLE `achievements` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`criteria` text NOT NULL,
	`achievement_type` text NOT NULL,
	`level` text,
	`validity_months` integer,
	`assessment_method` text NOT NULL,
	`created_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`archived_at` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `achievements_org_idx` ON `achievements` (`org_id`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`scopes` text NOT NULL,
	`created_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`last_used_at` text,
	`revoked_at` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash_uq` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_org_idx` ON `api_tokens` (`org_id`);--> statement-breakpoint
CREATE TABLE `areas` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`region` text
);
--> statement-breakpoint
CREATE TABLE `audit_events` (
	`id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor_user_id` text,
	`actor_org_id` text,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text,
	`details` text
);
--> statement-breakpoint
CREATE INDEX `audit_events_org_idx` ON `audit_events` (`actor_org_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_events_target_idx` ON `audit_events` (`target_type`,`target_id`);--> statement-breakpoint
CREATE TABLE `bands` (
	`id` text PRIMARY KEY NOT NULL,
	`framework_id` text NOT NULL,
	`code` text NOT NULL,
	`label` text NOT NULL,
	`rank` integer NOT NULL,
	`typical_roles` text,
	`note` text,
	FOREIGN KEY (`framework_id`) REFERENCES `frameworks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bands_framework_idx` ON `bands` (`framework_id`,`rank`);--> statement-breakpoint
CREATE TABLE `claims` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`credential_id` text NOT NULL,
	`email` text NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text,
	FOREIGN KEY (`credential_id`) REFERENCES `credentials`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `claims_credential_idx` ON `claims` (`credential_id`);--> statement-breakpoint
CREATE TABLE `competencies` (
	`id` text PRIMARY KEY NOT NULL,
	`framework_id` text NOT NULL,
	`kind` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`level` text,
	`refresh_months` integer,
	`verified` integer DEFAULT true NOT NULL,
	`note` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`framework_id`) REFERENCES `frameworks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `competencies_framework_idx` ON `competencies` (`framework_id`,`sort_order`);--> statement-breakpoint
CREATE TABLE `credentials` (
	`id` text PRIMARY KEY NOT NULL,
	`issuer_org_id` text NOT NULL,
	`achievement_id` text NOT NULL,
	`subject_user_id` text,
	`subject_did` text,
	`subject_email` text,
	`subject_name` text,
	`jwt` text NOT NULL,
	`kid` text NOT NULL,
	`valid_from` text NOT NULL,
	`valid_until` text,
	`status` text DEFAULT 'active' NOT NULL,
	`status_reason` text,
	`revocation_list_id` text NOT NULL,
	`suspension_list_id` text NOT NULL,
	`status_index` integer NOT NULL,
	`batch_id` text,
	`batch_row` integer,
	`replaces_id` text,
	`replaced_by_id` text,
	`evidence` text,
	`aligned_ids` text DEFAULT '[]' NOT NULL,
	`issued_at` text NOT NULL,
	FOREIGN KEY (`issuer_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`achievement_id`) REFERENCES `achievements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`revocation_list_id`) REFERENCES `status_lists`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`suspension_list_id`) REFERENCES `status_lists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credentials_status_index_uq` ON `credentials` (`revocation_list_id`,`status_index`);--> statement-breakpoint
CREATE UNIQUE INDEX `credentials_batch_row_uq` ON `credentials` (`batch_id`,`batch_row`);--> statement-breakpoint
CREATE INDEX `credentials_subject_idx` ON `credentials` (`subject_user_id`,`issued_at`);--> statement-breakpoint
CREATE INDEX `credentials_workforce_idx` ON `credentials` (`subject_user_id`,`valid_from`,`valid_until`,`aligned_ids`,`issuer_org_id`,`status`,`replaced_by_id`);--> statement-breakpoint
CREATE INDEX `credentials_issuer_idx` ON `credentials` (`issuer_org_id`,`issued_at`);--> statement-breakpoint
CREATE INDEX `credentials_email_idx` ON `credentials` (`subject_email`);--> statement-breakpoint
CREATE INDEX `credentials_achievement_idx` ON `credentials` (`achievement_id`);--> statement-breakpoint
CREATE TABLE `email_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`purpose` text NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `employer_role_requirements` (
	`employer_role_id` text NOT NULL,
	`competency_id` text NOT NULL,
	`requirement` text NOT NULL,
	`max_age_months` integer,
	PRIMARY KEY(`employer_role_id`, `competency_id`),
	FOREIGN KEY (`employer_role_id`) REFERENCES `employer_roles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`competency_id`) REFERENCES `competencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `employer_roles` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`title` text NOT NULL,
	`catalogue_role_id` text,
	`band_label` text,
	`pay_text` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`catalogue_role_id`) REFERENCES `roles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `employer_roles_org_idx` ON `employer_roles` (`org_id`);--> statement-breakpoint
CREATE TABLE `equivalences` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`from_id` text NOT NULL,
	`to_id` text NOT NULL,
	`relation` text NOT NULL,
	`label` text NOT NULL,
	`source` text NOT NULL,
	`indicative` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE INDEX `equivalences_from_idx` ON `equivalences` (`kind`,`from_id`);--> statement-breakpoint
CREATE INDEX `equivalences_to_idx` ON `equivalences` (`kind`,`to_id`);--> statement-breakpoint
CREATE TABLE `frameworks` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`jurisdiction` text NOT NULL,
	`kind` text NOT NULL,
	`source` text NOT NULL,
	`verified` integer NOT NULL,
	`note` text,
	`sort_order` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `imported_credentials` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`jwt` text NOT NULL,
	`issuer` text NOT NULL,
	`name` text NOT NULL,
	`format` text NOT NULL,
	`valid_from` text,
	`valid_until` text,
	`aligned_ids` text DEFAULT '[]' NOT NULL,
	`verification` text NOT NULL,
	`imported_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `imported_credentials_user_idx` ON `imported_credentials` (`user_id`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_by` text,
	`expires_at` text NOT NULL,
	`accepted_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_uq` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invitations_org_idx` ON `invitations` (`org_id`);--> statement-breakpoint
CREATE TABLE `issue_batch_rows` (
	`batch_id` text NOT NULL,
	`row_no` integer NOT NULL,
	`data` text NOT NULL,
	`state` text NOT NULL,
	`error` text,
	`credential_id` text,
	PRIMARY KEY(`batch_id`, `row_no`),
	FOREIGN KEY (`batch_id`) REFERENCES `issue_batches`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `issue_batch_rows_state_idx` ON `issue_batch_rows` (`batch_id`,`state`);--> statement-breakpoint
CREATE TABLE `issue_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`achievement_id` text NOT NULL,
	`content_hash` text NOT NULL,
	`file_name` text,
	`status` text NOT NULL,
	`total_rows` integer NOT NULL,
	`valid_rows` integer NOT NULL,
	`created_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`confirmed_at` text,
	`completed_at` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`achievement_id`) REFERENCES `achievements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `issue_batches_content_uq` ON `issue_batches` (`org_id`,`content_hash`);--> statement-breakpoint
CREATE TABLE `issuer_keys` (
	`kid` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`did` text NOT NULL,
	`public_jwk` text NOT NULL,
	`private_key_enc` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`retired_at` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `issuer_keys_org_idx` ON `issuer_keys` (`org_id`,`active`);--> statement-breakpoint
CREATE TABLE `issuer_scopes` (
	`org_id` text NOT NULL,
	`framework_id` text NOT NULL,
	`approved_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`approved_by` text,
	PRIMARY KEY(`org_id`, `framework_id`),
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`framework_id`) REFERENCES `frameworks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `memberships` (
	`user_id` text NOT NULL,
	`org_id` text NOT NULL,
	`role` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`user_id`, `org_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `memberships_org_idx` ON `memberships` (`org_id`);--> statement-breakpoint
CREATE TABLE `organisation_areas` (
	`org_id` text NOT NULL,
	`area_code` text NOT NULL,
	PRIMARY KEY(`org_id`, `area_code`),
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`area_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`area_code` text,
	`approved_at` text,
	`approved_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_slug_uq` ON `organisations` (`slug`);--> statement-breakpoint
CREATE INDEX `organisations_kind_idx` ON `organisations` (`kind`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `outbox_to_idx` ON `outbox` (`to_address`);--> statement-breakpoint
CREATE TABLE `pay_points` (
	`id` text PRIMARY KEY NOT NULL,
	`band_id` text NOT NULL,
	`year` text NOT NULL,
	`point` integer NOT NULL,
	`amount_gbp` integer NOT NULL,
	`step_years` integer,
	`computed` integer DEFAULT false NOT NULL,
	`source` text NOT NULL,
	FOREIGN KEY (`band_id`) REFERENCES `bands`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pay_points_band_idx` ON `pay_points` (`band_id`,`year`);--> statement-breakpoint
CREATE TABLE `platform_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `progression_routes` (
	`id` text PRIMARY KEY NOT NULL,
	`from_role_id` text NOT NULL,
	`to_role_id` text NOT NULL,
	`label` text NOT NULL,
	`source` text NOT NULL,
	FOREIGN KEY (`from_role_id`) REFERENCES `roles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_role_id`) REFERENCES `roles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`count` integer NOT NULL,
	`reset_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `role_history` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`area_code` text,
	`from_role_id` text,
	`to_role_id` text NOT NULL,
	`band_up` integer NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `role_history_area_idx` ON `role_history` (`area_code`,`at`);--> statement-breakpoint
CREATE TABLE `role_requirements` (
	`id` text PRIMARY KEY NOT NULL,
	`role_id` text NOT NULL,
	`competency_id` text NOT NULL,
	`requirement` text NOT NULL,
	`max_age_months` integer,
	`basis` text NOT NULL,
	FOREIGN KEY (`role_id`) REFERENCES `roles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`competency_id`) REFERENCES `competencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `role_requirements_uq` ON `role_requirements` (`role_id`,`competency_id`);--> statement-breakpoint
CREATE TABLE `roles` (
	`id` text PRIMARY KEY NOT NULL,
	`framework_id` text NOT NULL,
	`title` text,
	`rank` integer NOT NULL,
	`band_id` text,
	`description` text,
	`external_id` text,
	`verified` integer DEFAULT true NOT NULL,
	`note` text,
	FOREIGN KEY (`framework_id`) REFERENCES `frameworks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`band_id`) REFERENCES `bands`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `roles_framework_idx` ON `roles` (`framework_id`,`rank`);--> statement-breakpoint
CREATE TABLE `saved_verifications` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_by` text,
	`candidate_name` text,
	`input_kind` text NOT NULL,
	`input` text NOT NULL,
	`role_ref` text,
	`result` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`checked_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `saved_verifications_org_idx` ON `saved_verifications` (`org_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`expires_at` text NOT NULL,
	`csrf_secret` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `share_views` (
	`id` text PRIMARY KEY NOT NULL,
	`share_id` text NOT NULL,
	`kind` text NOT NULL,
	`viewer_org_id` text,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`share_id`) REFERENCES `shares`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`viewer_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `share_views_share_idx` ON `share_views` (`share_id`,`at`);--> statement-breakpoint
CREATE TABLE `shares` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`label` text,
	`credential_ids` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shares_token_uq` ON `shares` (`token_hash`);--> statement-breakpoint
CREATE INDEX `shares_user_idx` ON `shares` (`user_id`);--> statement-breakpoint
CREATE TABLE `status_lists` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`purpose` text NOT NULL,
	`size` integer NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `status_lists_org_idx` ON `status_lists` (`org_id`,`purpose`);--> statement-breakpoint
CREATE TABLE `used_nonces` (
	`nonce` text PRIMARY KEY NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`email_verified_at` text,
	`password_hash` text NOT NULL,
	`display_name` text NOT NULL,
	`is_platform_admin` integer DEFAULT false NOT NULL,
	`holder_did` text,
	`holder_key_enc` text,
	`area_code` text,
	`current_role_id` text,
	`target_role_id` text,
	`workforce_consent` integer DEFAULT false NOT NULL,
	`workforce_consent_at` text,
	`failed_logins` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`area_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_uq` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_workforce_idx` ON `users` (`area_code`,`workforce_consent`,`id`,`current_role_id`);