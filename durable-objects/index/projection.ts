/**
 * The contract of one index partition's projection: the tables it owns (created from `ddl`, dropped
 * on rebuild), the queries whose rows define its state (for rebuild-equals-live checks), and the
 * fold of one source event into those tables. `apply` runs inside the partition's transactionSync
 * together with the cursor update, and must be idempotent: folding an event twice leaves the same rows.
 */
import type { EventRecord } from '../../schema/log.ts';

export interface Projection {
  tables: readonly string[];
  ddl: readonly string[];
  digestQueries: readonly string[];
  /** The event types `apply` folds, when it ignores the rest: the partition then pulls only these. */
  types?: readonly string[];
  apply(sql: SqlStorage, ev: EventRecord): void;
}
