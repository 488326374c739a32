/**
 * Tells index partitions their source logs grew, so they catch up from their alarms instead of on
 * the next read: the table's partition and its committee's for every new block, the beacon's when
 * a block height is a checkpoint multiple. Each partition hears at most one nudge per NUDGE_EVERY_MS,
 * with a trailing one for blocks in between: a nudge is an RPC and then a pull, and one pull per
 * half second catches up as well as one per block did. Fire and forget: a lost nudge only delays the
 * index until the next nudge or read, which pulls anyway.
 */
import { genesisCommitteeOf, type NetworkConfig } from '../../protocol/network/config.ts';
import type { Env } from '../../schema/env.ts';
import type { HubEvent } from '../../schema/rpc.ts';
import { indexName } from './partitions.ts';

export const NUDGE_EVERY_MS = 500;

/** The partitions that follow the logs these live events came from. */
export function partitionsOf(config: NetworkConfig, events: readonly HubEvent[]): Set<string> {
  const names = new Set<string>();
  if (!Array.isArray(events)) return names;
  for (const e of events) {
    if (e?.kind !== 'block' || !Number.isInteger(e.table)) continue;
    names.add(indexName(config, { kind: 'table', table: e.table }));
    const c = genesisCommitteeOf(config, e.table);
    names.add(indexName(config, { kind: 'committee', zone: c.zone, index: c.index }));
    if (e.height % 8 === 0) names.add(indexName(config, { kind: 'beacon' }));
  }
  return names;
}

/** Rate-limited nudges, one instance per sender (the hub). */
export class IndexNudger {
  private readonly last = new Map<string, number>();
  private readonly trailing = new Set<string>();

  constructor(
    private readonly env: Env,
    private readonly config: NetworkConfig,
    private readonly everyMs = NUDGE_EVERY_MS,
  ) {}

  blocks(events: readonly HubEvent[]): void {
    if (!this.env.INDEX) return;
    for (const name of partitionsOf(this.config, events)) this.nudge(name);
  }

  private nudge(name: string): void {
    const wait = (this.last.get(name) ?? -Infinity) + this.everyMs - Date.now();
    if (wait <= 0) return this.send(name);
    if (this.trailing.has(name)) return;
    this.trailing.add(name);
    setTimeout(() => {
      this.trailing.delete(name);
      this.send(name);
    }, wait);
  }

  private send(name: string): void {
    this.last.set(name, Date.now());
    this.env.INDEX.getByName(name)
      .nudge()
      .catch(() => undefined);
  }
}
