/** Dynamic shards: tables dealt to committees by load, per zone, deterministically. */
import { describe, expect, it } from 'vitest';
import { assignTables } from '../../../protocol/dpos/assignTables.ts';
import { codeOf } from '../election/helpers.ts';

describe('assignTables', () => {
  it('spreads idle tables evenly and isolates a hot one', () => {
    const layout = { zones: 1, tablesPerZone: 6, committeesPerZone: 3 };
    expect(assignTables(layout, [0, 0, 0, 0, 0, 0])).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
    expect(assignTables(layout, [100, 1, 1, 1, 1, 1])).toEqual([[0], [1, 3, 5], [2, 4]]);
  });

  it('keeps each zone to its own committees', () => {
    const t = assignTables({ zones: 2, tablesPerZone: 2, committeesPerZone: 2 }, [5, 0, 0, 9]);
    expect(t).toEqual([[0], [1], [3], [2]]);
  });

  it('refuses a wrong number of loads or a bad load', () => {
    const layout = { zones: 1, tablesPerZone: 2, committeesPerZone: 1 };
    expect(codeOf(() => assignTables(layout, [1]))).toBe('BAD_LENGTH');
    expect(codeOf(() => assignTables(layout, [1, -1]))).toBe('NOT_INTEGER');
  });
});
