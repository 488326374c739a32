/**
 * Home page data: the network and epoch, every table's head (live from the tables), the latest blocks
 * and transactions and finalized tx/s over time (from the index), the committees.
 */
import * as m from '../../workers/edge/methods.ts';
import { genesisCommitteeOf } from '../../protocol/network/config.ts';
import type { Ctx } from '../../workers/edge/methods.ts';
import type { TableHead } from '../../schema/rpc.ts';
import type { RateBucket } from '../../schema/indexViews.ts';
import { eachTable } from './indexStubs.ts';

const LATEST = 10;

export interface NetworkSummary {
  name: string;
  chainId: number;
  tables: number;
  committees: number;
  committeeSize: number;
  epoch: number;
  epochSeconds: number;
  genesisHash: string;
}

export interface CommitteeSummary {
  name: string;
  zone: number;
  index: number;
  members: string[];
  tables: number[];
  view: number;
  primary: number;
  lastSeq: number;
}

export interface HomeData {
  network: NetworkSummary;
  tables: (TableHead & { committee: string })[];
  latestBlocks: { table: number; height: number; hash: string; time: number; txCount: number }[];
  latestTxs: {
    hash: string;
    table: number;
    height: number;
    ok: boolean;
    sender: string | null;
    receiver: string | null;
    amount: string | null;
    time: number;
  }[];
  rate: TxRate;
  committees: CommitteeSummary[];
}

export interface TxRate {
  /** Bucket width in seconds; tx/s of a bucket is finalized / width. */
  width: number;
  from: number;
  to: number;
  buckets: RateBucket[];
}

export async function networkSummary(c: Ctx): Promise<NetworkSummary> {
  const g = (await m.getGeneralInfos(c)) as Record<string, unknown>;
  const clock = (await m.getTimerInfo(c)) as { epoch?: number };
  return {
    name: c.config.name,
    chainId: c.config.chainId,
    tables: Number(g.tables),
    committees: Number(g.committees),
    committeeSize: c.config.committeeSize,
    epoch: clock.epoch ?? Number(g.epoch ?? 0),
    epochSeconds: c.config.epochSeconds,
    genesisHash: typeof g.genesisHash === 'string' ? g.genesisHash : '',
  };
}

export async function committees(c: Ctx): Promise<CommitteeSummary[]> {
  return (await m.getConsensus(c, [])) as CommitteeSummary[];
}

/** Chart window of finalized tx/s: buckets of RATE_WIDTH seconds, RATE_BUCKETS of them, ending at the newest block. */
export const RATE_WIDTH = 10;
export const RATE_BUCKETS = 30;

/**
 * From every table partition of the index in one call each: the newest blocks and transactions,
 * merged newest first, and finalized transfers per second over the last RATE_BUCKETS × RATE_WIDTH
 * seconds up to the newest block time `end` (so the answer depends on the chain, not the clock).
 */
async function fromIndex(c: Ctx, n: number, end: number) {
  const to = end + 1;
  const from = to - RATE_WIDTH * RATE_BUCKETS;
  const parts = await eachTable(c, (ix) => ix.overview(n, from, to, RATE_WIDTH));
  const buckets: RateBucket[] = Array.from({ length: RATE_BUCKETS }, (_, i) => ({
    start: from + i * RATE_WIDTH,
    finalized: 0,
    txs: 0,
  }));
  for (const p of parts)
    for (const r of p.rates) {
      const b = buckets[Math.floor((r.start - from) / RATE_WIDTH)];
      if (b) {
        b.finalized += r.finalized;
        b.txs += r.txs;
      }
    }
  const newest = <T extends { time: number; height: number; table: number }>(a: T, b: T) =>
    b.time - a.time || b.height - a.height || a.table - b.table;
  return {
    blocks: parts
      .flatMap((p) => p.blocks)
      .filter((b) => b.height > 0)
      .sort(newest)
      .slice(0, n),
    txs: parts
      .flatMap((p) => p.txs)
      .sort(newest)
      .slice(0, n),
    rate: { width: RATE_WIDTH, from, to, buckets } as TxRate,
  };
}

export async function homeData(c: Ctx): Promise<HomeData> {
  const [network, heads, comms] = await Promise.all([networkSummary(c), m.getLatestTables(c), committees(c)]);
  const end = Math.max(c.config.genesisTime, ...heads.map((h) => h.time));
  const recent = await fromIndex(c, LATEST, end);
  return {
    network,
    tables: heads.map((h) => ({ ...h, committee: genesisCommitteeOf(c.config, h.table).name })),
    latestBlocks: recent.blocks.map((b) => ({
      table: b.table,
      height: b.height,
      hash: b.hash,
      time: b.time,
      txCount: b.txCount,
    })),
    latestTxs: recent.txs.map((t) => ({
      hash: t.hash,
      table: t.table,
      height: t.height,
      ok: t.ok,
      sender: t.sender,
      receiver: t.receiver,
      amount: t.amount,
      time: t.time,
    })),
    rate: recent.rate,
    committees: comms,
  };
}
