/** The explorer's handles on the index partitions (durable-objects/index/): one per table, per committee, the beacon's. */
import { indexName } from '../../durable-objects/index/partitions.ts';
import { tableCount } from '../../protocol/network/config.ts';
import type { Ctx } from '../../workers/edge/methods.ts';

export const tableIndex = (c: Ctx, table: number) =>
  c.env.INDEX.getByName(indexName(c.config, { kind: 'table', table }));

export const committeeIndex = (c: Ctx, zone: number, index: number) =>
  c.env.INDEX.getByName(indexName(c.config, { kind: 'committee', zone, index }));

export const beaconIndex = (c: Ctx) => c.env.INDEX.getByName(indexName(c.config, { kind: 'beacon' }));

/** Every partition's name, tables first, then committees, then the beacon (rebuilds and tests walk these). */
export function allIndexNames(c: Ctx): string[] {
  const names = Array.from({ length: tableCount(c.config) }, (_, table) =>
    indexName(c.config, { kind: 'table', table }),
  );
  for (let zone = 0; zone < c.config.zones; zone++)
    for (let index = 0; index < c.config.committeesPerZone; index++)
      names.push(indexName(c.config, { kind: 'committee', zone, index }));
  names.push(indexName(c.config, { kind: 'beacon' }));
  return names;
}

/** Runs `f` on every table partition in parallel. */
export function eachTable<T>(
  c: Ctx,
  f: (stub: ReturnType<typeof tableIndex>, table: number) => Promise<T>,
): Promise<T[]> {
  return Promise.all(Array.from({ length: tableCount(c.config) }, (_, t) => f(tableIndex(c, t), t)));
}
