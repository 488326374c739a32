/**
 * The fold of an account chain: one unit entry applied to an account state. The state transition
 * builds entries and applies them with this function, and replay uses the very same function, so
 * "replaying a unit chain reproduces its state" holds by construction and is checked by hash.
 * Entries reaching here were validated by admitTx; a violation is a corrupted chain and throws.
 */
import { ErrorCode, fail } from '../errors.ts';
import { dayOf } from '../gas/tgas.ts';
import { EntryKind, type AccountState, type UnitEntry } from './types.ts';

function debit(a: AccountState, v: bigint): void {
  if (a.balance < v) fail(ErrorCode.INSUFFICIENT_FUNDS, 'entry debits more than the balance', 'entry.amount');
  a.balance -= v;
}

/** Mutates `a` (callers pass their own copy). */
export function applyEntry(a: AccountState, e: UnitEntry, time: number): void {
  const own =
    e.kind === EntryKind.send ||
    e.kind === EntryKind.stakeGas ||
    e.kind === EntryKind.unstakeGas ||
    e.kind === EntryKind.registerNode ||
    e.kind === EntryKind.vote ||
    e.kind === EntryKind.unvote;
  if (own) {
    const day = dayOf(time);
    a.tgasUsed = (a.tgasDay === day ? a.tgasUsed : 0n) + e.tgas;
    a.tgasDay = day;
    debit(a, e.burn);
    a.nonce += 1n;
    a.lastTxHash = e.txHash;
  }
  switch (e.kind) {
    case EntryKind.genesis:
    case EntryKind.recv:
      a.balance += e.amount;
      break;
    case EntryKind.send:
      debit(a, e.amount);
      break;
    case EntryKind.confirm:
      break;
    case EntryKind.stakeGas:
      debit(a, e.amount);
      a.gasStaked += e.amount;
      break;
    case EntryKind.unstakeGas:
      if (a.gasStaked < e.amount)
        fail(ErrorCode.INSUFFICIENT_FUNDS, 'unstakes more than staked', 'entry.amount');
      a.gasStaked -= e.amount;
      a.balance += e.amount;
      break;
    case EntryKind.registerNode:
      debit(a, e.amount);
      a.deposit += e.amount;
      break;
    case EntryKind.vote:
      debit(a, e.amount);
      a.votes.set(e.peer, (a.votes.get(e.peer) ?? 0n) + e.amount);
      break;
    case EntryKind.unvote: {
      const v = a.votes.get(e.peer) ?? 0n;
      if (v < e.amount) fail(ErrorCode.INSUFFICIENT_FUNDS, 'unvotes more than voted', 'entry.amount');
      if (v === e.amount) a.votes.delete(e.peer);
      else a.votes.set(e.peer, v - e.amount);
      a.balance += e.amount;
      break;
    }
  }
}
