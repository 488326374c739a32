/**
 * The beacon partition of the index: epochs (genesis is epoch 0) and the history of checkpointed
 * table heads, from the beacon's log. Keyed by epoch and by (table, height), so folding an event
 * twice changes nothing.
 */
import {
  BeaconEvent,
  type CheckpointBody,
  type EpochStartedBody,
  type GenesisBody,
} from '../../schema/events.ts';
import type { CheckpointRow, EpochRow } from '../../schema/indexViews.ts';
import type { Projection } from './projection.ts';

export const beaconProjection: Projection = {
  tables: ['ix_epochs', 'ix_checkpoints'],
  ddl: [
    `CREATE TABLE IF NOT EXISTS ix_epochs (epoch INTEGER PRIMARY KEY, time INTEGER NOT NULL, committees INTEGER NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS ix_checkpoints (table_index INTEGER NOT NULL, height INTEGER NOT NULL, hash TEXT NOT NULL,
      time INTEGER NOT NULL, PRIMARY KEY (table_index, height)) WITHOUT ROWID`,
    'CREATE INDEX IF NOT EXISTS ix_checkpoints_time ON ix_checkpoints (time)',
  ],
  digestQueries: [
    'SELECT * FROM ix_epochs ORDER BY epoch',
    'SELECT * FROM ix_checkpoints ORDER BY table_index, height',
  ],
  apply(sql, ev) {
    const put = (epoch: number, committees: number) =>
      sql.exec(
        'INSERT OR REPLACE INTO ix_epochs (epoch, time, committees) VALUES (?, ?, ?)',
        epoch,
        Math.floor(ev.time / 1000),
        committees,
      );
    if (ev.type === BeaconEvent.genesis) put(0, (ev.body as GenesisBody).committees.length);
    else if (ev.type === BeaconEvent.epochStarted) {
      const b = ev.body as EpochStartedBody;
      put(b.epoch, b.committees.length);
    } else if (ev.type === BeaconEvent.checkpoint)
      for (const h of (ev.body as CheckpointBody).heads)
        sql.exec(
          'INSERT OR REPLACE INTO ix_checkpoints (table_index, height, hash, time) VALUES (?, ?, ?, ?)',
          h.table,
          h.height,
          h.hash,
          h.time,
        );
  },
};

export function epochs(sql: SqlStorage, limit: number): EpochRow[] {
  return sql
    .exec<{ epoch: number; time: number; committees: number }>(
      'SELECT epoch, time, committees FROM ix_epochs ORDER BY epoch DESC LIMIT ?',
      limit,
    )
    .toArray()
    .map((r) => ({ epoch: r.epoch, time: r.time, committees: r.committees }));
}

export function recentCheckpoints(sql: SqlStorage, limit: number): CheckpointRow[] {
  return sql
    .exec<{ table_index: number; height: number; hash: string; time: number }>(
      'SELECT * FROM ix_checkpoints ORDER BY time DESC, table_index LIMIT ?',
      limit,
    )
    .toArray()
    .map((r) => ({ table: r.table_index, height: r.height, hash: r.hash, time: r.time }));
}
