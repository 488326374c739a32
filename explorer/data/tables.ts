/** Tables list and one table: heads, load (mempool, inbox, outbox, accounts), committee (live), recent blocks (index). */
import * as m from '../../workers/edge/methods.ts';
import { genesisCommitteeOf } from '../../protocol/network/config.ts';
import { ErrorCode, fail } from '../../protocol/errors.ts';
import type { Ctx } from '../../workers/edge/methods.ts';
import { tableIndex } from './indexStubs.ts';

const PAGE = 20;

export interface TableRow {
  table: number;
  height: number;
  hash: string;
  time: number;
  pending: number;
  inbox: number;
  outbox: number;
  accounts: number;
  committee: string;
}

export async function tablesData(c: Ctx): Promise<{ tables: TableRow[] }> {
  const [heads, stats] = await Promise.all([m.getLatestTables(c), m.getTableStats(c)]);
  return {
    tables: heads.map((h, i) => {
      const s = stats[i]!;
      return {
        table: h.table,
        height: h.height,
        hash: h.hash,
        time: h.time,
        pending: s.pending,
        inbox: s.inbox,
        outbox: s.outbox,
        accounts: s.accounts,
        committee: genesisCommitteeOf(c.config, h.table).name,
      };
    }),
  };
}

export interface TableData {
  table: TableRow;
  committeeMembers: string[];
  blocks: {
    height: number;
    hash: string;
    time: number;
    txCount: number;
    units: number;
    receiptsOut: number;
  }[];
  /** Height to pass as ?before= for the next (older) page, or null at genesis. */
  older: number | null;
  newer: number | null;
}

export function parseTable(c: Ctx, v: string): number {
  const t = /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(t) || t >= c.config.zones * c.config.tablesPerZone)
    fail(ErrorCode.OUT_OF_RANGE, `no table "${v}" in this network`, 'table');
  return t;
}

export async function tableData(c: Ctx, t: number, before?: string): Promise<TableData> {
  const { tables } = await tablesData(c);
  const row = tables[t]!;
  const top = before && /^\d+$/.test(before) ? Math.min(Number(before), row.height + 1) : row.height + 1;
  const [blocks, comm] = await Promise.all([tableIndex(c, t).blocks(top, PAGE), m.getConsensus(c, [t])]);
  const last = blocks[blocks.length - 1]?.height;
  return {
    table: row,
    committeeMembers: (comm[0] as { members: string[] } | undefined)?.members ?? [],
    blocks: blocks.map((b) => ({
      height: b.height,
      hash: b.hash,
      time: b.time,
      txCount: b.txCount,
      units: b.units,
      receiptsOut: b.receiptsOut,
    })),
    older: last !== undefined && last > 0 ? last : null,
    newer: top <= row.height ? Math.min(top + PAGE, row.height + 1) : null,
  };
}
