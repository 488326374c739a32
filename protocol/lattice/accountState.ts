/** Account state: the empty account, its canonical encoding and its hash (the unit blocks' stateHash). */
import { Writer } from '../codec/writer.ts';
import { Domain, taggedHash } from '../hash.ts';
import { ZERO32 } from '../bytes.ts';
import type { AccountState } from './types.ts';

export function emptyAccount(): AccountState {
  return {
    balance: 0n,
    nonce: 0n,
    lastTxHash: ZERO32,
    unitHeight: 0n,
    lastUnitHash: ZERO32,
    gasStaked: 0n,
    tgasUsed: 0n,
    tgasDay: 0,
    deposit: 0n,
    votes: new Map(),
  };
}

export function cloneAccount(a: AccountState): AccountState {
  return { ...a, votes: new Map(a.votes) };
}

/** The unit chain fields are left out: the state hash is about what the account holds, not where it sits. */
export function encodeAccountState(a: AccountState): Uint8Array {
  const w = new Writer();
  w.u64(a.balance, 'balance').u64(a.nonce, 'nonce').fixed(a.lastTxHash, 32, 'lastTxHash');
  w.u64(a.gasStaked, 'gasStaked')
    .u64(a.tgasUsed, 'tgasUsed')
    .u64(a.tgasDay, 'tgasDay')
    .u64(a.deposit, 'deposit');
  const votes = [...a.votes.entries()]
    .filter(([, v]) => v > 0n)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  w.u32(votes.length, 'votes');
  for (const [node, v] of votes) w.string(node, 80, 'votes.node').u64(v, 'votes.amount');
  return w.finish();
}

export function accountStateHash(a: AccountState): Uint8Array {
  return taggedHash(Domain.state, encodeAccountState(a));
}

/** Everything the account controls: free balance plus what it has locked. */
export function accountHoldings(a: AccountState): bigint {
  let v = a.balance + a.gasStaked + a.deposit;
  for (const x of a.votes.values()) v += x;
  return v;
}
