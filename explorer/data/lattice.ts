/**
 * Lattice view data: the unit blocks of the newest table blocks of every table (from the index),
 * laid out on account chains, with an edge from each send entry to the recv entry of the same
 * transaction (across tables for cross-table transfers). A send whose recv is not among the shown
 * units yet is listed as pending.
 */
import type { Ctx } from '../../workers/edge/methods.ts';
import type { LatticeUnit } from '../../schema/indexViews.ts';
import { eachTable } from './indexStubs.ts';

/** Table blocks per table and units per table to look at; accounts (lanes) and units to draw. */
const BLOCKS = 8;
const PER_TABLE = 6;
const MAX_UNITS = 48;
const MAX_LANES = 14;
/** Entries read per unit (edges join only these) and transfers listed: a busy account's unit can hold hundreds of entries. */
const MAX_ENTRIES = 6;
const MAX_LISTED = 40;

export interface LatticeData {
  /** Accounts, one lane each, in order of their newest unit. */
  lanes: { account: string; table: number }[];
  /** Units oldest first (x order), each on its lane; `entries` holds the first MAX_ENTRIES, `entryCount` counts all. */
  units: (LatticeUnit & { lane: number; col: number; sends: number })[];
  /** send → recv of one transaction, by unit index in `units`. */
  edges: { txHash: string; from: number; to: number; amount: string }[];
  /** Sends shown whose recv is not shown (not applied yet, or older/newer than the window). */
  open: { txHash: string; from: number }[];
  /** How many edges and open sends there are in all (the lists above hold at most MAX_LISTED each). */
  edgeCount: number;
  openCount: number;
}

export async function latticeData(c: Ctx): Promise<LatticeData> {
  const all = (await eachTable(c, (ix) => ix.lattice(BLOCKS, PER_TABLE, MAX_ENTRIES))).flat();
  // Newest first to choose what fits, then drawn oldest first.
  all.sort(
    (a, b) =>
      b.time - a.time || b.height - a.height || a.table - b.table || a.account.localeCompare(b.account),
  );
  const lanes: LatticeData['lanes'] = [];
  const laneOf = new Map<string, number>();
  const picked: (LatticeUnit & { lane: number })[] = [];
  for (const u of all) {
    if (picked.length >= MAX_UNITS) break;
    let lane = laneOf.get(u.account);
    if (lane === undefined) {
      if (lanes.length >= MAX_LANES) continue;
      lane = lanes.length;
      laneOf.set(u.account, lane);
      lanes.push({ account: u.account, table: u.table });
    }
    picked.push({ ...u, lane });
  }
  picked.reverse();
  // Units of one table block share a column; columns follow time, then table and height.
  const colKey = (u: LatticeUnit) => `${u.time}/${u.table}/${u.height}`;
  const keys = [...new Set(picked.map(colKey))];
  const col = new Map(keys.map((k, i) => [k, i]));
  const recvAt = new Map<string, number>();
  picked.forEach((u, i) => {
    for (const e of u.entries) if (e.kind === 'recv') recvAt.set(e.txHash, i);
  });
  const edges: LatticeData['edges'] = [];
  const open: LatticeData['open'] = [];
  picked.forEach((u, i) => {
    for (const e of u.entries) {
      if (e.kind !== 'send') continue;
      const to = recvAt.get(e.txHash);
      if (to === undefined) open.push({ txHash: e.txHash, from: i });
      else edges.push({ txHash: e.txHash, from: i, to, amount: e.amount });
    }
  });
  const units = picked.map((u) => ({
    ...u,
    col: col.get(colKey(u))!,
    sends: u.entries.filter((e) => e.kind === 'send').length,
  }));
  return {
    lanes,
    units,
    edges: edges.slice(-MAX_LISTED),
    open: open.slice(-MAX_LISTED),
    edgeCount: edges.length,
    openCount: open.length,
  };
}
