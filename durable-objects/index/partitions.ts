/**
 * How the index is partitioned: one IndexDO per source log — `<net>/index/table/<t>` follows table
 * t, `<net>/index/committee/<zone>/<g>` a committee, `<net>/index/beacon` the beacon — so the index
 * grows with the network exactly as the objects it reads do, and no partition sees more than one
 * log's write rate.
 */
import { beaconName } from '../base/config.ts';
import { tableName, type NetworkConfig } from '../../protocol/network/config.ts';
import type { IndexSource } from '../../schema/indexViews.ts';

export function indexName(c: NetworkConfig, s: IndexSource): string {
  if (s.kind === 'table') return `${c.name}/index/table/${s.table}`;
  if (s.kind === 'committee') return `${c.name}/index/committee/${s.zone}/${s.index}`;
  return `${c.name}/index/beacon`;
}

export function sourceOf(name: string): IndexSource | null {
  let m = /\/index\/table\/(\d+)$/.exec(name);
  if (m) return { kind: 'table', table: Number(m[1]) };
  m = /\/index\/committee\/(\d+)\/(\d+)$/.exec(name);
  if (m) return { kind: 'committee', zone: Number(m[1]), index: Number(m[2]) };
  return /\/index\/beacon$/.test(name) ? { kind: 'beacon' } : null;
}

/** The Durable Object name of the log a partition follows. */
export function sourceName(c: NetworkConfig, s: IndexSource): string {
  if (s.kind === 'table') return tableName(c, s.table);
  if (s.kind === 'committee') return `${c.name}/committee/${s.zone}/${s.index}`;
  return beaconName(c);
}

/**
 * Events per pull (and per fold transaction): a table partition pulls block commits alone, one at
 * a time, each a transaction of its own rows, since every object shares one thread locally and a
 * longer fold makes every queued request wait: two blocks per fold doubled p50 at 559 transfers/s
 * paced (bench/results/experiments, fifth session). Committee messages are small.
 */
export function batchOf(s: IndexSource): number {
  return s.kind === 'table' ? 1 : 500;
}
