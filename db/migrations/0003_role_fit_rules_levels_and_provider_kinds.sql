ALTER TABLE `competencies` ADD `level_of` text;--> statement-breakpoint
ALTER TABLE `competencies` ADD `detail` text;--> statement-breakpoint
ALTER TABLE `employer_role_requirements` ADD `acceptance` text;--> statement-breakpoint
ALTER TABLE `equivalences` ADD `strength` text DEFAULT 'indicative' NOT NULL;--> statement-breakpoint
ALTER TABLE `organisations` ADD `provider_kind` text DEFAULT 'training_provider' NOT NULL;--> statement-breakpoint
ALTER TABLE `organisations` ADD `cstf_aligned` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `role_requirements` ADD `acceptance` text;