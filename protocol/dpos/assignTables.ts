/**
 * Dynamic shards: each epoch the tables of a zone are dealt to the zone's committees by load
 * (longest-processing-time first). A table weighs its load (blocks in the closing epoch) plus one,
 * so idle tables still spread evenly. Ties go to the committee with fewer tables, then the lower
 * index, so the deal is deterministic.
 */
import { ErrorCode, fail } from '../errors.ts';

export interface ShardLayout {
  zones: number;
  tablesPerZone: number;
  committeesPerZone: number;
}

/** tables[g] for global committee g = zone × committeesPerZone + index, each list ascending. */
export function assignTables(layout: ShardLayout, loads: readonly number[]): number[][] {
  const { zones, tablesPerZone, committeesPerZone } = layout;
  if (loads.length !== zones * tablesPerZone)
    fail(ErrorCode.BAD_LENGTH, `expected ${zones * tablesPerZone} table loads, got ${loads.length}`, 'loads');
  loads.forEach((l, i) => {
    if (!Number.isSafeInteger(l) || l < 0)
      fail(ErrorCode.NOT_INTEGER, `load must be a non-negative integer, got ${l}`, `loads[${i}]`);
  });
  const out: number[][] = [];
  for (let z = 0; z < zones; z++) {
    const weight = Array.from({ length: committeesPerZone }, () => 0);
    const lists: number[][] = Array.from({ length: committeesPerZone }, () => []);
    const tables = Array.from({ length: tablesPerZone }, (_, n) => z * tablesPerZone + n).sort(
      (a, b) => loads[b]! - loads[a]! || a - b,
    );
    for (const t of tables) {
      let best = 0;
      for (let g = 1; g < committeesPerZone; g++)
        if (
          weight[g]! < weight[best]! ||
          (weight[g] === weight[best] && lists[g]!.length < lists[best]!.length)
        )
          best = g;
      weight[best]! += loads[t]! + 1;
      lists[best]!.push(t);
    }
    out.push(...lists.map((l) => l.sort((a, b) => a - b)));
  }
  return out;
}
