CREATE TABLE `wallet_nonces` (
	`nonce` text PRIMARY KEY NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `wallet_nonces_expiry_idx` ON `wallet_nonces` (`expires_at`);--> statement-breakpoint
CREATE TABLE `wallet_offers` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`credential_id` text NOT NULL,
	`issuer_org_id` text NOT NULL,
	`code_hash` text NOT NULL,
	`tx_code_hash` text NOT NULL,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`expires_at` text NOT NULL,
	`access_token_hash` text,
	`access_token_expires_at` text,
	`redeemed_at` text,
	`wallet_credential_id` text,
	`holder_did` text,
	`wallet_jwt` text,
	`issued_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`credential_id`) REFERENCES `credentials`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`issuer_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wallet_offers_code_uq` ON `wallet_offers` (`code_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `wallet_offers_token_uq` ON `wallet_offers` (`access_token_hash`);--> statement-breakpoint
CREATE INDEX `wallet_offers_user_idx` ON `wallet_offers` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `wallet_offers_credential_idx` ON `wallet_offers` (`credential_id`);