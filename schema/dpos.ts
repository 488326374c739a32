/**
 * PBFT-DPoS shapes shared by the beacon, the committee and table objects, the edge's RPC methods
 * and the explorer: node views, elections, rewards, votes, workload reports and epoch assignments.
 * The beacon's DPoS event bodies are defined beside their fold in protocol/dpos and re-exported here.
 */
export type {
  NodeTxsBody,
  NodeDeregisteredBody,
  EvidenceAcceptedBody,
  EpochElection,
} from '../protocol/dpos/beaconEvents.ts';
export type { ElectionRecord, CandidateEntry } from '../protocol/dpos/electEpoch.ts';
export type { Settlement, Workload } from '../protocol/dpos/settleEpoch.ts';
import type { ElectionRecord } from '../protocol/dpos/electEpoch.ts';
import type { Settlement } from '../protocol/dpos/settleEpoch.ts';
import type { CommitteeInfo } from './rpc.ts';
export type { Evidence } from '../protocol/dpos/equivocation.ts';
export type { DposParams } from '../protocol/dpos/params.ts';

/** queryNodeInfo: a registered node, amounts in uTOP as decimal strings. */
export interface NodeView {
  address: string;
  role: 'edge' | 'advance' | 'validator' | 'archive';
  deposit: string;
  votes: string;
  /** Comprehensive stake in whole TOP units (validator or auditor formula by role; 0 otherwise). */
  stake: string;
  creditPpm: number;
  computeWeight: number;
  dividendRatePpm: number;
  consensusKey: string;
  vrfKey: string;
  hosted: boolean;
  registeredEpoch: number;
  lockedUntilEpoch: number;
  deregisteredEpoch: number | null;
  jailedUntilEpoch: number;
  slashes: number;
  /** Why the node cannot stand in the next election, or null. */
  ineligible: string | null;
  /** Committee (global index) the node sits in this epoch, or null. */
  committee: number | null;
  rewards: string;
}

/** getStandbys: the nodes that would stand in the next election, by stake. */
export interface StandbyView {
  epoch: number;
  standbys: { address: string; stake: string; creditPpm: number; deposit: string; votes: string }[];
}

/** getElectInfo: one epoch's election as logged (every proof, input and result). */
export interface ElectInfo {
  epoch: number;
  seq: number;
  time: number;
  committees: CommitteeInfo[];
  election: ElectionRecord;
  settlement?: Settlement;
}

/** queryNodeReward: rewards accrued by an account (node or voter), total and per epoch. */
export interface NodeRewardView {
  address: string;
  total: string;
  epochs: { epoch: number; amount: string; kinds: Record<string, string> }[];
}

/** listVoteUsed: the votes an account has placed, by node. */
export interface VoteUsedView {
  voter: string;
  total: string;
  votes: { node: string; amount: string }[];
}

/** A node's credit, workload and rewards per settled epoch (explorer's node page). */
export interface NodeHistoryEntry {
  epoch: number;
  creditBefore: number | null;
  creditAfter: number | null;
  signed: number;
  expected: number;
  reward: string;
  committee: number | null;
}

/** What one committee object certified in one epoch: per member and per table. */
export interface WorkloadReport {
  epoch: number;
  members: { address: string; signed: number; expected: number }[];
  tables: { table: number; blocks: number }[];
}

/** Which committee a table answers to from `epoch` on (pushed by the beacon, or pulled). */
export interface TableAssignment {
  epoch: number;
  committee: string;
  zone: number;
  index: number;
}

/** One committee of one epoch, with its members' node addresses (null: genesis members, no nodes). */
export interface EpochCommittee {
  epoch: number;
  name: string;
  zone: number;
  index: number;
  tables: number[];
  members: string[];
  nodes: string[] | null;
}
