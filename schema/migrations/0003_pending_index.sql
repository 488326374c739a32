DROP INDEX `txs_sender`;--> statement-breakpoint
DROP INDEX `txs_status`;--> statement-breakpoint
CREATE INDEX `txs_pending` ON `txs` (`accepted_seq`) WHERE status = 'pending';