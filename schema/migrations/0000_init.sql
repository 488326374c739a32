CREATE TABLE `accounts` (
	`address` text PRIMARY KEY NOT NULL,
	`balance` text NOT NULL,
	`nonce` text NOT NULL,
	`unit_height` text NOT NULL,
	`state` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `beacon_checkpoints` (
	`table_index` integer PRIMARY KEY NOT NULL,
	`height` integer NOT NULL,
	`hash` blob NOT NULL,
	`time` integer NOT NULL,
	`seq` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `blocks` (
	`height` integer PRIMARY KEY NOT NULL,
	`hash` blob NOT NULL,
	`header` text NOT NULL,
	`certificate` text,
	`body` text NOT NULL,
	`time` integer NOT NULL,
	`tx_count` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `blocks_hash_unique` ON `blocks` (`hash`);--> statement-breakpoint
CREATE TABLE `certs` (
	`table_index` integer NOT NULL,
	`height` integer NOT NULL,
	`header` text NOT NULL,
	`certificate` text NOT NULL,
	`seq` integer NOT NULL,
	`view` integer NOT NULL,
	`event_seq` integer NOT NULL,
	PRIMARY KEY(`table_index`, `height`)
);
--> statement-breakpoint
CREATE TABLE `events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`body` text NOT NULL,
	`hash` blob NOT NULL,
	`time` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `faucet_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`address` text NOT NULL,
	`ip` text NOT NULL,
	`time` integer NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `faucet_address` ON `faucet_requests` (`address`,`time`);--> statement-breakpoint
CREATE INDEX `faucet_ip` ON `faucet_requests` (`ip`,`time`);--> statement-breakpoint
CREATE TABLE `hub_subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`socket` text NOT NULL,
	`topic` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `hub_subscriptions_socket` ON `hub_subscriptions` (`socket`);--> statement-breakpoint
CREATE TABLE `inbox` (
	`from_table` integer NOT NULL,
	`kind` integer NOT NULL,
	`id` text NOT NULL,
	`body` text NOT NULL,
	PRIMARY KEY(`from_table`, `kind`, `id`)
);
--> statement-breakpoint
CREATE TABLE `mempool` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hash` blob NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mempool_hash_unique` ON `mempool` (`hash`);--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`target` text NOT NULL,
	`key` text NOT NULL,
	`body` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_key_unique` ON `outbox` (`key`);--> statement-breakpoint
CREATE INDEX `outbox_target` ON `outbox` (`target`,`id`);--> statement-breakpoint
CREATE TABLE `peers` (
	`peer` integer PRIMARY KEY NOT NULL,
	`sent` text NOT NULL,
	`received` text NOT NULL,
	`confirmed` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `received` (
	`hash` blob PRIMARY KEY NOT NULL,
	`from_table` integer NOT NULL,
	`receipt_id` text NOT NULL,
	`height` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `txs` (
	`hash` blob PRIMARY KEY NOT NULL,
	`sender` text NOT NULL,
	`receiver` text NOT NULL,
	`nonce` text NOT NULL,
	`status` text NOT NULL,
	`code` text,
	`message` text,
	`raw` blob NOT NULL,
	`accepted_seq` integer NOT NULL,
	`send_height` integer,
	`recv_table` integer,
	`recv_height` integer,
	`confirm_height` integer
);
--> statement-breakpoint
CREATE INDEX `txs_sender` ON `txs` (`sender`,`nonce`);--> statement-breakpoint
CREATE INDEX `txs_status` ON `txs` (`status`);--> statement-breakpoint
CREATE TABLE `units` (
	`account` text NOT NULL,
	`height` integer NOT NULL,
	`table_height` integer NOT NULL,
	`hash` blob NOT NULL,
	`body` text NOT NULL,
	PRIMARY KEY(`account`, `height`)
);
--> statement-breakpoint
CREATE TABLE `zone_batches` (
	`from_table` integer NOT NULL,
	`to_table` integer NOT NULL,
	`height` integer NOT NULL,
	`receipts` integer NOT NULL,
	`routed_seq` integer NOT NULL,
	`delivered_seq` integer,
	PRIMARY KEY(`from_table`, `to_table`, `height`)
);
