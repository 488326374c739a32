/**
 * The beacon's DPoS answers, built from its registry and its logged epochs: node info, standbys,
 * rewards per epoch, the votes an account placed, and a node's credit/workload/reward history.
 */
import { ROLE_KEYS, type DposParams } from '../../protocol/dpos/params.ts';
import {
  ineligibility,
  stakeOf,
  votesFor,
  type NodeRecord,
  type Registry,
} from '../../protocol/dpos/registry.ts';
import type {
  NodeHistoryEntry,
  NodeRewardView,
  NodeView,
  StandbyView,
  VoteUsedView,
} from '../../schema/dpos.ts';
import type { EpochStartedRow } from './dposLog.ts';

export function nodeView(
  reg: Registry,
  params: DposParams,
  n: NodeRecord,
  current: EpochStartedRow | null,
): NodeView {
  const g = current?.body.election?.committees.findIndex((c) => c.includes(n.address)) ?? -1;
  return {
    address: n.address,
    role: ROLE_KEYS[n.role]!,
    deposit: n.deposit.toString(),
    votes: votesFor(reg, n.address).toString(),
    stake: stakeOf(reg, n).toString(),
    creditPpm: n.creditPpm,
    computeWeight: n.computeWeight,
    dividendRatePpm: n.dividendRatePpm,
    consensusKey: n.consensusKey,
    vrfKey: n.vrfKey,
    hosted: n.hosted,
    registeredEpoch: n.registeredEpoch,
    lockedUntilEpoch: n.lockedUntilEpoch,
    deregisteredEpoch: n.deregisteredEpoch,
    jailedUntilEpoch: n.jailedUntilEpoch,
    slashes: n.slashes,
    ineligible: ineligibility(n, reg.epoch + 1, params),
    committee: g >= 0 ? g : null,
    rewards: (reg.rewards.get(n.address) ?? 0n).toString(),
  };
}

export function standbys(reg: Registry, params: DposParams): StandbyView {
  const list = [...reg.nodes.values()]
    .filter((n) => ineligibility(n, reg.epoch + 1, params) === null)
    .map((n) => ({
      address: n.address,
      stake: stakeOf(reg, n),
      creditPpm: n.creditPpm,
      deposit: n.deposit.toString(),
      votes: votesFor(reg, n.address).toString(),
    }))
    .sort((a, b) => (a.stake === b.stake ? (a.address < b.address ? -1 : 1) : a.stake > b.stake ? -1 : 1));
  return { epoch: reg.epoch, standbys: list.map((s) => ({ ...s, stake: s.stake.toString() })) };
}

export function rewardView(address: string, epochs: EpochStartedRow[]): NodeRewardView {
  let total = 0n;
  const out: NodeRewardView['epochs'] = [];
  for (const e of epochs) {
    const s = e.body.settlement;
    if (!s) continue;
    const kinds: Record<string, bigint> = {};
    let sum = 0n;
    for (const l of s.rewards)
      if (l.to === address) {
        kinds[l.kind] = (kinds[l.kind] ?? 0n) + BigInt(l.amount);
        sum += BigInt(l.amount);
      }
    if (sum === 0n) continue;
    total += sum;
    out.push({
      epoch: s.epoch,
      amount: sum.toString(),
      kinds: Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, v.toString()])),
    });
  }
  return { address, total: total.toString(), epochs: out };
}

export function votesUsed(reg: Registry, voter: string): VoteUsedView {
  const votes: VoteUsedView['votes'] = [];
  let total = 0n;
  for (const [node, voters] of [...reg.votes.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const v = voters.get(voter);
    if (v) {
      votes.push({ node, amount: v.toString() });
      total += v;
    }
  }
  return { voter, total: total.toString(), votes };
}

export function nodeHistory(address: string, epochs: EpochStartedRow[]): NodeHistoryEntry[] {
  const out: NodeHistoryEntry[] = [];
  for (const e of epochs) {
    const s = e.body.settlement;
    if (!s) continue;
    const c = s.credits.find((x) => x.address === address);
    const w = s.workload.find((x) => x.address === address);
    const reward = s.rewards.filter((l) => l.to === address).reduce((a, l) => a + BigInt(l.amount), 0n);
    const prev = epochs.find((x) => x.body.epoch === s.epoch)?.body.election;
    const g = prev?.committees.findIndex((m) => m.includes(address)) ?? -1;
    out.push({
      epoch: s.epoch,
      creditBefore: c?.before ?? null,
      creditAfter: c?.after ?? null,
      signed: w?.signed ?? 0,
      expected: w?.expected ?? 0,
      reward: reward.toString(),
      committee: g >= 0 ? g : null,
    });
  }
  return out;
}
