/**
 * Stateful transaction rules: may this account, in this state, at this block time, send this
 * transaction? Returns the unit entry that applying it adds to the sender's chain, or throws a
 * ProtocolError naming the rule. Used both for mempool admission (against the account as its
 * pending transactions leave it) and at inclusion in a block.
 */
import { ErrorCode, fail } from '../errors.ts';
import { bytesEqual } from '../bytes.ts';
import { tableOf } from '../keys/address.ts';
import { chargeTgas, txTgas } from '../gas/tgas.ts';
import { checkTxRules } from '../tx/checkTx.ts';
import { isTransfer, TxType, type Tx } from '../tx/types.ts';
import { EntryKind, type AccountState, type UnitEntry } from './types.ts';

export interface AdmitContext {
  table: number;
  tableCount: number;
  /** Block time (or the admitting node's clock), seconds. */
  time: number;
}

const ENTRY_OF: Record<TxType, EntryKind> = {
  [TxType.transfer]: EntryKind.send,
  [TxType.stakeGas]: EntryKind.stakeGas,
  [TxType.unstakeGas]: EntryKind.unstakeGas,
  [TxType.registerNode]: EntryKind.registerNode,
  [TxType.vote]: EntryKind.vote,
  [TxType.unvote]: EntryKind.unvote,
  [TxType.ethTransfer]: EntryKind.send,
};

export function admitTx(
  a: AccountState,
  tx: Tx,
  hash: Uint8Array,
  size: number,
  ctx: AdmitContext,
): UnitEntry {
  checkTxRules(tx);
  if (tableOf(tx.sender, ctx.tableCount) !== ctx.table)
    fail(
      ErrorCode.WRONG_TABLE,
      `sender belongs to table ${tableOf(tx.sender, ctx.tableCount)}, not ${ctx.table}`,
      'sender',
    );
  if (tx.nonce < a.nonce)
    fail(ErrorCode.NONCE_TOO_LOW, `nonce ${tx.nonce} was already used; next is ${a.nonce}`, 'nonce');
  if (tx.nonce > a.nonce)
    fail(ErrorCode.NONCE_GAP, `nonce ${tx.nonce} skips ahead; next is ${a.nonce}`, 'nonce');
  // An ethTransfer has no prevHash to sign (its nonce alone orders it); every other type links.
  if (tx.type !== TxType.ethTransfer && !bytesEqual(tx.prevHash, a.lastTxHash))
    fail(
      ErrorCode.PREV_HASH_MISMATCH,
      "prevHash is not the hash of the sender's previous transaction",
      'prevHash',
    );
  if (tx.expiry < ctx.time)
    fail(ErrorCode.EXPIRED, `expired at ${tx.expiry}, block time ${ctx.time}`, 'expiry');

  const tgas = txTgas(size);
  const { burn } = chargeTgas(a, tgas, ctx.time);
  const locks = tx.type === TxType.unstakeGas || tx.type === TxType.unvote ? 0n : tx.amount;
  if (a.balance < locks)
    fail(ErrorCode.INSUFFICIENT_FUNDS, `balance ${a.balance} uTOP is less than ${locks} uTOP`, 'amount');
  if (a.balance < locks + burn)
    fail(
      ErrorCode.INSUFFICIENT_GAS,
      `Tgas quota exceeded: ${burn} uTOP to burn, ${a.balance - locks} uTOP left after the amount`,
      'amount',
    );
  if (tx.type === TxType.unstakeGas && a.gasStaked < tx.amount)
    fail(ErrorCode.INSUFFICIENT_FUNDS, `only ${a.gasStaked} uTOP is staked for gas`, 'amount');
  if (tx.type === TxType.unvote && (a.votes.get(tx.receiver) ?? 0n) < tx.amount)
    fail(
      ErrorCode.INSUFFICIENT_FUNDS,
      `only ${a.votes.get(tx.receiver) ?? 0n} uTOP is voted for this node`,
      'amount',
    );

  const peerTable = isTransfer(tx.type) ? tableOf(tx.receiver, ctx.tableCount) : ctx.table;
  return {
    kind: ENTRY_OF[tx.type],
    txHash: hash,
    peer: tx.receiver === tx.sender ? '' : tx.receiver,
    amount: tx.amount,
    tgas,
    burn,
    peerTable,
    receiptId: 0n,
  };
}
