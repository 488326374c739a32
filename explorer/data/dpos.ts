/**
 * Data of the DPoS pages: the node list, one node (stake, credit history, rewards, workload), the
 * election list, and one election with every candidate's proof and why each was or was not chosen.
 */
import { beaconName } from '../../durable-objects/base/config.ts';
import { parseAddress } from '../../protocol/keys/address.ts';
import { ErrorCode, fail } from '../../protocol/errors.ts';
import type { Ctx } from '../../workers/edge/methods.ts';
import { RpcCode, RpcError } from '../../workers/edge/rpcErrors.ts';
import type {
  CandidateEntry,
  ElectInfo,
  NodeHistoryEntry,
  NodeRewardView,
  NodeView,
  StandbyView,
} from '../../schema/dpos.ts';

const beacon = (c: Ctx) => c.env.BEACON.getByName(beaconName(c.config));
const notFound = (what: string) =>
  new RpcError(RpcCode.notFound, `${what} not found`, { code: 'NOT_FOUND', message: `${what} not found` });

export interface NodesData {
  epoch: number;
  nodes: NodeView[];
  standbys: StandbyView['standbys'];
}

export async function nodesData(c: Ctx): Promise<NodesData> {
  const [nodes, s] = await Promise.all([beacon(c).nodes(), beacon(c).standbys()]);
  return { epoch: s.epoch, nodes: nodes as NodeView[], standbys: s.standbys };
}

export interface NodeData {
  node: NodeView;
  history: NodeHistoryEntry[];
  rewards: NodeRewardView;
}

export async function nodeData(c: Ctx, address: string): Promise<NodeData> {
  const a = parseAddress(address, 'address').text;
  const [node, history, rewards] = await Promise.all([
    beacon(c).nodeInfo(a),
    beacon(c).nodeHistory(a),
    beacon(c).nodeReward(a),
  ]);
  if (!node) throw notFound(`node ${a}`);
  return { node: node as NodeView, history, rewards };
}

export interface ElectionsData {
  elections: { epoch: number; seq: number; time: number; candidates: number; committees: string[][] }[];
}

export async function electionsData(c: Ctx): Promise<ElectionsData> {
  return { elections: (await beacon(c).elections()).reverse() };
}

export interface CandidateRow extends CandidateEntry {
  /** Place in the ranking (0 = best), or null when the proof did not verify. */
  rank: number | null;
  committee: number | null;
  why: string;
}

export interface ElectionData {
  info: ElectInfo;
  seats: number;
  rows: CandidateRow[];
}

/** Why a candidate is where it is, in the rules' own terms (docs/protocol/vrf-election-stake.md). */
function explain(rank: number, committee: number | null, previous: number | null, seats: number): string {
  if (committee !== null && previous === committee)
    return `kept its seat in committee ${committee} (rank ${rank + 1})`;
  if (committee !== null)
    return `newcomer to committee ${committee}: rank ${rank + 1} of the ${seats} elected`;
  if (rank < seats)
    return `rank ${rank + 1} is within the ${seats} elected, but the rotation cap kept a sitting member`;
  return `rank ${rank + 1}: outside the ${seats} seats`;
}

export async function electionData(c: Ctx, epochText: string): Promise<ElectionData> {
  const epoch = Number(epochText);
  if (!/^\d+$/.test(epochText) || !Number.isSafeInteger(epoch) || epoch < 1)
    fail(ErrorCode.NOT_INTEGER, `"${epochText}" is not an epoch number`, 'epoch');
  const info = (await beacon(c).electInfo(epoch)) as ElectInfo | null;
  if (!info) throw notFound(`election of epoch ${epoch}`);
  const r = info.election;
  const seats = r.committeeCount * r.committeeSize;
  const rankOf = new Map(r.ranking.map((x, i) => [x.id, i]));
  const seatOf = (list: string[][], a: string) => {
    const g = list.findIndex((m) => m.includes(a));
    return g >= 0 ? g : null;
  };
  const rows = r.candidates
    .map((x) => {
      const rank = rankOf.get(x.address) ?? null;
      const committee = seatOf(r.committees, x.address);
      const why =
        x.beta === null
          ? 'proof did not verify: not ranked'
          : rank === null
            ? 'zero comprehensive stake: not ranked'
            : explain(rank, committee, seatOf(r.previous, x.address), seats);
      return { ...x, rank, committee, why };
    })
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  return { info, seats, rows };
}
