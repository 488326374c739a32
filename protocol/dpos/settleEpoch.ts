/**
 * Closing an epoch: each node's credit moves by its participation (blocks signed out of the blocks
 * its committee certified, and slashes), then the epoch's issuance is paid out by workload
 * (rewards.ts) and accrued in the registry. The settlement lists every input and every line, so a
 * checker recomputes it exactly.
 */
import { isRewarded, nextCredit } from '../stake/index.ts';
import { NodeRole } from '../tx/types.ts';
import { distributeRewards, type RewardLine } from './rewards.ts';
import { minDepositOf, type DposParams } from './params.ts';
import { stakeOf, type Registry } from './registry.ts';

export interface Workload {
  address: string;
  signed: number;
  expected: number;
}

export interface Settlement {
  epoch: number;
  issuance: string;
  workload: Workload[];
  slashed: { address: string; count: number }[];
  credits: { address: string; before: number; after: number }[];
  rewards: { to: string; amount: string; kind: string; node?: string }[];
}

/** Settles `reg.epoch` with the committees' reported workload; mutates the registry. */
export function settleEpoch(reg: Registry, params: DposParams, workload: readonly Workload[]): Settlement {
  const work = new Map<string, Workload>();
  for (const w of workload) {
    const cur = work.get(w.address);
    work.set(w.address, {
      address: w.address,
      signed: (cur?.signed ?? 0) + w.signed,
      expected: (cur?.expected ?? 0) + w.expected,
    });
  }
  const nodes = [...reg.nodes.values()].sort((a, b) => (a.address < b.address ? -1 : 1));
  const slashed = (a: string) => reg.slashedThisEpoch.get(a) ?? 0;
  const active = nodes.filter(
    (n) =>
      n.deregisteredEpoch === null && slashed(n.address) === 0 && n.deposit >= minDepositOf(params, n.role),
  );

  const validators = [...work.values()]
    .filter((w) => reg.nodes.has(w.address))
    .sort((a, b) => (a.address < b.address ? -1 : 1))
    .map((w) => ({
      address: w.address,
      signed: w.signed,
      rewarded:
        slashed(w.address) === 0 &&
        w.expected > 0 &&
        isRewarded({ signed: w.signed, expected: w.expected, slashed: 0 }),
    }));
  const lines: RewardLine[] = distributeRewards({
    issuance: BigInt(params.issuance),
    split: params.split,
    governance: params.governance,
    validators,
    voterNodes: active
      .map((n) => ({
        address: n.address,
        dividendRatePpm: n.dividendRatePpm,
        votes: [...(reg.votes.get(n.address) ?? new Map<string, bigint>()).entries()].sort((a, b) =>
          a[0] < b[0] ? -1 : 1,
        ),
      }))
      .filter((n) => n.votes.length > 0),
    auditors: active
      .filter((n) => n.role === NodeRole.advance)
      .map((n) => ({ address: n.address, stake: stakeOf(reg, n) })),
    archive: active.filter((n) => n.role === NodeRole.archive).map((n) => n.address),
    edge: active.filter((n) => n.role === NodeRole.edge).map((n) => n.address),
  });

  const credits: Settlement['credits'] = [];
  for (const n of nodes) {
    const w = work.get(n.address);
    const s = slashed(n.address);
    if (!w && s === 0) continue;
    const before = n.creditPpm;
    n.creditPpm = nextCredit(before, { signed: w?.signed ?? 0, expected: w?.expected ?? 0, slashed: s });
    credits.push({ address: n.address, before, after: n.creditPpm });
  }
  for (const l of lines) reg.rewards.set(l.to, (reg.rewards.get(l.to) ?? 0n) + l.amount);
  const settlement: Settlement = {
    epoch: reg.epoch,
    issuance: params.issuance,
    workload: [...work.values()].sort((a, b) => (a.address < b.address ? -1 : 1)),
    slashed: [...reg.slashedThisEpoch.entries()].sort().map(([address, count]) => ({ address, count })),
    credits,
    rewards: lines.map((l) => ({ ...l, amount: l.amount.toString() })),
  };
  reg.slashedThisEpoch.clear();
  return settlement;
}
