/**
 * An epoch's issuance, split exactly: validators 60% by blocks signed (only those that signed at
 * least 80% of theirs), voters 20% through the nodes they back (by votes received; each node
 * passes its dividend ratio of its share to its voters, pro rata to their votes), auditors 10% by
 * auditor stake, governance 4%, archive 4% and edge 2% in equal shares. Every division floors; every
 * remainder and any share nobody could earn goes to governance, so the lines sum to the issuance.
 */
import { ErrorCode, fail } from '../errors.ts';
import type { DposParams } from './params.ts';

export type RewardKind = 'validator' | 'voters' | 'dividend' | 'auditor' | 'governance' | 'archive' | 'edge';

export interface RewardLine {
  to: string;
  amount: bigint;
  kind: RewardKind;
  /** For a dividend: the node whose voter share it came from. */
  node?: string;
}

export interface RewardInput {
  issuance: bigint;
  split: DposParams['split'];
  governance: string;
  /** Validators with their signed-block counts; weight is `signed` when rewarded, else 0. */
  validators: readonly { address: string; signed: number; rewarded: boolean }[];
  voterNodes: readonly { address: string; dividendRatePpm: number; votes: readonly [string, bigint][] }[];
  auditors: readonly { address: string; stake: bigint }[];
  archive: readonly string[];
  edge: readonly string[];
}

const PPM = 1_000_000n;

/** floor(pool × w_i / Σw) each, and what is left; nothing is paid when Σw = 0. */
export function splitByWeight(pool: bigint, weights: readonly bigint[]): { parts: bigint[]; rest: bigint } {
  const total = weights.reduce((a, b) => a + b, 0n);
  if (total === 0n) return { parts: weights.map(() => 0n), rest: pool };
  const parts = weights.map((w) => (pool * w) / total);
  return { parts, rest: pool - parts.reduce((a, b) => a + b, 0n) };
}

export function distributeRewards(i: RewardInput): RewardLine[] {
  const s = i.split;
  const sum = s.validators + s.voters + s.auditors + s.governance + s.archive + s.edge;
  if (sum !== 1_000_000) fail(ErrorCode.OUT_OF_RANGE, `split sums to ${sum} ppm, not 10^6`, 'split');
  if (i.issuance < 0n) fail(ErrorCode.NEGATIVE, 'issuance is negative', 'issuance');
  const pool = (ppm: number) => (i.issuance * BigInt(ppm)) / PPM;
  const lines: RewardLine[] = [];
  let governance = i.issuance;
  const pay = (to: string, amount: bigint, kind: RewardKind, node?: string) => {
    if (amount === 0n) return;
    lines.push(node ? { to, amount, kind, node } : { to, amount, kind });
    governance -= amount;
  };

  const v = splitByWeight(
    pool(s.validators),
    i.validators.map((x) => (x.rewarded ? BigInt(x.signed) : 0n)),
  );
  i.validators.forEach((x, k) => pay(x.address, v.parts[k]!, 'validator'));

  const nodes = splitByWeight(
    pool(s.voters),
    i.voterNodes.map((n) => n.votes.reduce((a, [, b]) => a + b, 0n)),
  );
  i.voterNodes.forEach((n, k) => {
    const share = nodes.parts[k]!;
    const dividends = (share * BigInt(n.dividendRatePpm)) / PPM;
    const d = splitByWeight(
      dividends,
      n.votes.map(([, amount]) => amount),
    );
    n.votes.forEach(([voter], j) => pay(voter, d.parts[j]!, 'dividend', n.address));
    pay(n.address, share - (dividends - d.rest), 'voters');
  });

  const a = splitByWeight(
    pool(s.auditors),
    i.auditors.map((x) => x.stake),
  );
  i.auditors.forEach((x, k) => pay(x.address, a.parts[k]!, 'auditor'));
  const ar = splitByWeight(
    pool(s.archive),
    i.archive.map(() => 1n),
  );
  i.archive.forEach((x, k) => pay(x, ar.parts[k]!, 'archive'));
  const e = splitByWeight(
    pool(s.edge),
    i.edge.map(() => 1n),
  );
  i.edge.forEach((x, k) => pay(x, e.parts[k]!, 'edge'));

  if (governance > 0n) lines.push({ to: i.governance, amount: governance, kind: 'governance' });
  return lines;
}
