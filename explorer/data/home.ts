/** Home page data: the network, every table's head, the latest blocks and their transactions, the committees. */
import * as m from '../../workers/edge/methods.ts';
import { genesisCommitteeOf } from '../../protocol/network/config.ts';
import type { Ctx } from '../../workers/edge/methods.ts';
import type { BlockView, TableHead } from '../../schema/rpc.ts';

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
  latestTxs: { hash: string; table: number; height: number }[];
  committees: CommitteeSummary[];
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

/**
 * The newest blocks of all tables, newest first: a k-way merge down the table chains (each chain's
 * times only fall), fetching one block per step, until `blocks` are listed and `txs` transactions
 * were seen or `maxScan` blocks were read. The index projection will answer this from one query.
 */
async function latest(c: Ctx, heads: TableHead[], blocks: number, txs: number, maxScan: number) {
  const next = await Promise.all(
    heads.filter((h) => h.height > 0).map((h) => m.getBlock(c, [h.table, h.height]) as Promise<BlockView>),
  );
  const seen: BlockView[] = [];
  let txCount = 0;
  while (next.length && seen.length < maxScan && (seen.length < blocks || txCount < txs)) {
    next.sort((a, b) => b.header.time - a.header.time || b.height - a.height || a.table - b.table);
    const b = next.shift()!;
    seen.push(b);
    txCount += b.txs.length;
    if (b.height > 1) next.push((await m.getBlock(c, [b.table, b.height - 1])) as BlockView);
  }
  return {
    blocks: seen.slice(0, blocks),
    txs: seen.flatMap((b) => b.txs.map((hash) => ({ hash, table: b.table, height: b.height }))).slice(0, txs),
  };
}

export async function homeData(c: Ctx): Promise<HomeData> {
  const [network, heads, comms] = await Promise.all([networkSummary(c), m.getLatestTables(c), committees(c)]);
  const recent = await latest(c, heads, LATEST, LATEST, 4 * LATEST);
  return {
    network,
    tables: heads.map((h) => ({ ...h, committee: genesisCommitteeOf(c.config, h.table).name })),
    latestBlocks: recent.blocks.map((b) => ({
      table: b.table,
      height: b.height,
      hash: b.hash,
      time: b.header.time,
      txCount: b.header.txCount,
    })),
    latestTxs: recent.txs,
    committees: comms,
  };
}
