/**
 * Efraimidis–Spirakis weighted ranking with integer keys. Each candidate with stake w > 0 and
 * ticket u in (0, 1] gets the key -ln(u) / w; ascending keys are a weighted sample without
 * replacement: the first is candidate i with probability w_i / Σw, the next is drawn the same way
 * from those left, and so on. Keys are compared exactly as L_i × w_j < L_j × w_i on the fixed-point
 * L = -ln(u) × 2^160, ties (probability ~2^-150) broken by the UTF-8 bytes of the ids.
 */
import { compareBytes, utf8 } from '../bytes.ts';
import { ticketNegLn } from './ticket.ts';

export interface RankedCandidate {
  id: string;
  stake: bigint;
  /** -ln(u) × 2^160 of the candidate's ticket; its key is negLnU / stake. */
  negLnU: bigint;
}

export interface RankInput {
  id: string;
  stake: bigint;
  beta: Uint8Array;
}

export function compareKeys(a: RankedCandidate, b: RankedCandidate): number {
  const l = a.negLnU * b.stake;
  const r = b.negLnU * a.stake;
  if (l !== r) return l < r ? -1 : 1;
  return compareBytes(utf8(a.id), utf8(b.id));
}

/** Candidates with stake > 0, best (smallest key) first. Zero stake never enters the ranking. */
export function rankCandidates(seed: Uint8Array, candidates: readonly RankInput[]): RankedCandidate[] {
  return candidates
    .filter((c) => c.stake > 0n)
    .map((c) => ({ id: c.id, stake: c.stake, negLnU: ticketNegLn(seed, c.id, c.beta) }))
    .sort(compareKeys);
}
