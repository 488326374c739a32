/**
 * Tells index partitions their source logs grew, so they catch up from their alarms instead of on
 * the next read: the table's partition and its committee's for every new block, the beacon's when
 * a block height is a checkpoint multiple. Fire and forget: a lost nudge only delays the index
 * until the next nudge or read, which pulls anyway.
 */
import { genesisCommitteeOf, type NetworkConfig } from '../../protocol/network/config.ts';
import type { Env } from '../../schema/env.ts';
import type { HubEvent } from '../../schema/rpc.ts';
import { indexName } from './partitions.ts';

export function nudgeIndex(env: Env, config: NetworkConfig, events: readonly HubEvent[]): void {
  if (!env.INDEX || !Array.isArray(events)) return;
  const names = new Set<string>();
  for (const e of events) {
    if (e?.kind !== 'block' || !Number.isInteger(e.table)) continue;
    names.add(indexName(config, { kind: 'table', table: e.table }));
    const c = genesisCommitteeOf(config, e.table);
    names.add(indexName(config, { kind: 'committee', zone: c.zone, index: c.index }));
    if (e.height % 8 === 0) names.add(indexName(config, { kind: 'beacon' }));
  }
  for (const n of names)
    env.INDEX.getByName(n)
      .nudge()
      .catch(() => undefined);
}
