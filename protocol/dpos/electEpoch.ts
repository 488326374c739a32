/**
 * One epoch's election, as the beacon runs it and logs it: every eligible validator's RFC 9381 VRF
 * proof over electionAlpha(seed, epoch), verified; stake-weighted sortition of the verified
 * candidates into the committees (at most maxRotationPpm of each rotating); tables dealt to
 * committees by load; the next seed from the verified outputs. The record holds every input and
 * every result, so a checker with the record and the registry can redo all of it.
 */
import { fromHex, toHex } from '../bytes.ts';
import { ErrorCode, fail } from '../errors.ts';
import { electionAlpha, nextEpochSeed, sortition } from '../election/index.ts';
import { vrfVerify } from '../vrf/index.ts';
import { assignTables, type ShardLayout } from './assignTables.ts';
import type { DposParams } from './params.ts';
import { ineligibility, stakeOf, votesFor, type NodeRecord, type Registry } from './registry.ts';

export interface ElectionLayout extends ShardLayout {
  committeeSize: number;
}

export interface CandidateEntry {
  address: string;
  deposit: string;
  votes: string;
  creditPpm: number;
  computeWeight: number;
  /** Comprehensive (validator) stake, whole TOP units. */
  stake: string;
  vrfKey: string;
  proof: string;
  /** VRF output from verification; null when the proof did not verify (the candidate sits out). */
  beta: string | null;
}

export interface ElectionRecord {
  epoch: number;
  seed: string;
  alpha: string;
  committeeCount: number;
  committeeSize: number;
  maxRotationPpm: number;
  candidates: CandidateEntry[];
  /** Registered nodes that could not stand, and why. */
  excluded: { address: string; reason: string }[];
  /** Last epoch's committees (node addresses), by global committee index; empty at the first election. */
  previous: string[][];
  /** This epoch's committees: node addresses, best-ranked first (= replica order). */
  committees: string[][];
  /** Consensus keys of `committees`, same order. */
  members: string[][];
  /** Every ranked candidate, best first: ticket -ln(u) × 2^160 as hex. */
  ranking: { id: string; stake: string; negLnU: string }[];
  /** Per-table load the deal used (blocks in the closing epoch). */
  loads: number[];
  tables: number[][];
  nextSeed: string;
}

export interface ElectionInput {
  registry: Registry;
  epoch: number;
  seed: Uint8Array;
  params: DposParams;
  layout: ElectionLayout;
  previous: readonly (readonly string[])[];
  loads: readonly number[];
  /** The candidate's proof over alpha (hosted nodes: made with the node's derived VRF key). */
  prove: (address: string, alpha: Uint8Array) => Uint8Array;
}

/** What a candidate entry records of its node as the registry stands at the election. */
export function candidateStanding(
  reg: Registry,
  n: NodeRecord,
): Pick<CandidateEntry, 'deposit' | 'votes' | 'creditPpm' | 'computeWeight' | 'stake' | 'vrfKey'> {
  return {
    deposit: n.deposit.toString(),
    votes: votesFor(reg, n.address).toString(),
    creditPpm: n.creditPpm,
    computeWeight: n.computeWeight,
    stake: stakeOf(reg, n).toString(),
    vrfKey: n.vrfKey,
  };
}

export function electEpoch(input: ElectionInput): ElectionRecord {
  const { registry: reg, epoch, seed, params, layout } = input;
  const alpha = electionAlpha(seed, epoch);
  const candidates: CandidateEntry[] = [];
  const excluded: { address: string; reason: string }[] = [];
  const nodes = [...reg.nodes.values()].sort((a, b) => (a.address < b.address ? -1 : 1));
  for (const n of nodes) {
    const why = ineligibility(n, epoch, params);
    if (why) {
      excluded.push({ address: n.address, reason: why });
      continue;
    }
    const proof = input.prove(n.address, alpha);
    const v = vrfVerify(fromHex(n.vrfKey, 'vrfKey', 32), proof, alpha);
    candidates.push({
      address: n.address,
      ...candidateStanding(reg, n),
      proof: '0x' + toHex(proof),
      beta: v.valid ? '0x' + toHex(v.beta) : null,
    });
  }
  const result = decideCommittees({
    seed,
    candidates,
    layout,
    maxRotationPpm: params.maxRotationPpm,
    previous: input.previous,
  });
  const keyOf = new Map(nodes.map((n) => [n.address, n.consensusKey]));
  return {
    epoch,
    seed: '0x' + toHex(seed),
    alpha: '0x' + toHex(alpha),
    committeeCount: layout.zones * layout.committeesPerZone,
    committeeSize: layout.committeeSize,
    maxRotationPpm: params.maxRotationPpm,
    candidates,
    excluded,
    previous: input.previous.map((c) => [...c]),
    committees: result.committees,
    members: result.committees.map((c) => c.map((a) => keyOf.get(a)!)),
    ranking: result.ranking,
    loads: [...input.loads],
    tables: assignTables(layout, input.loads),
    nextSeed: result.nextSeed,
  };
}

/**
 * The deterministic part, shared by the beacon and any checker: sortition over the candidates
 * whose proofs verified, and the next seed from their outputs.
 */
export function decideCommittees(i: {
  seed: Uint8Array;
  candidates: readonly CandidateEntry[];
  layout: ElectionLayout;
  maxRotationPpm: number;
  previous: readonly (readonly string[])[];
}): { committees: string[][]; ranking: ElectionRecord['ranking']; nextSeed: string } {
  const verified = i.candidates.filter((c) => c.beta !== null);
  const count = i.layout.zones * i.layout.committeesPerZone;
  const positive = verified.filter((c) => BigInt(c.stake) > 0n).length;
  if (positive < count * i.layout.committeeSize)
    fail(
      ErrorCode.OUT_OF_RANGE,
      `${positive} eligible candidates with stake; ${count} committees of ${i.layout.committeeSize} need ${count * i.layout.committeeSize}`,
      'candidates',
    );
  const r = sortition({
    seed: i.seed,
    candidates: verified.map((c) => ({
      id: c.address,
      stake: BigInt(c.stake),
      beta: fromHex(c.beta!, 'beta', 64),
    })),
    committees: count,
    committeeSize: i.layout.committeeSize,
    previous: i.previous.length ? i.previous : undefined,
    maxRotationPpm: i.maxRotationPpm,
  });
  const betas = verified.map((c) => fromHex(c.beta!, 'beta', 64));
  return {
    committees: r.committees,
    ranking: r.ranking.map((c) => ({ id: c.id, stake: c.stake.toString(), negLnU: c.negLnU.toString(16) })),
    nextSeed: '0x' + toHex(nextEpochSeed(i.seed, betas)),
  };
}
