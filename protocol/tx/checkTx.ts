/**
 * Stateless admission rules: everything about a transaction that can be judged without the ledger
 * (chain id, time window, field rules per type, signature). The edge runs these before anything
 * reaches a table; the table re-runs the time rules at inclusion.
 */
import { ErrorCode, fail } from '../errors.ts';
import { parseAddress } from '../keys/address.ts';
import { verifySignature, verifySignatureAsync } from '../keys/signer.ts';
import { txHash } from './txHash.ts';
import { checkEthTransferSignature } from './ethTransfer.ts';
import { MAX_EXPIRY_SECONDS, TIMESTAMP_TOLERANCE, TxType, type Tx, type UnsignedTx } from './types.ts';

export interface CheckContext {
  chainId: number;
  /** The checker's clock, seconds since the Unix epoch (passed in: protocol/ has no clock). */
  now: number;
}

export function checkTxFields(tx: UnsignedTx, ctx: CheckContext): void {
  if (tx.chainId !== ctx.chainId)
    fail(ErrorCode.WRONG_CHAIN, `chain id ${tx.chainId} is not ${ctx.chainId}`, 'chainId');
  if (tx.expiry < ctx.now) fail(ErrorCode.EXPIRED, `expired at ${tx.expiry}, now ${ctx.now}`, 'expiry');
  if (tx.expiry < tx.timestamp) fail(ErrorCode.OUT_OF_RANGE, 'expiry is before timestamp', 'expiry');
  if (tx.expiry - tx.timestamp > MAX_EXPIRY_SECONDS)
    fail(ErrorCode.OUT_OF_RANGE, `expiry is more than ${MAX_EXPIRY_SECONDS} s after timestamp`, 'expiry');
  if (Math.abs(tx.timestamp - ctx.now) > TIMESTAMP_TOLERANCE)
    fail(
      ErrorCode.TIMESTAMP_SKEW,
      `timestamp ${tx.timestamp} is more than ${TIMESTAMP_TOLERANCE} s from ${ctx.now}`,
      'timestamp',
    );
  checkTxRules(tx);
}

/** The rules of each transaction type that need neither a clock nor the ledger. */
export function checkTxRules(tx: UnsignedTx): void {
  parseAddress(tx.sender, 'sender');
  parseAddress(tx.receiver, 'receiver');
  switch (tx.type) {
    case TxType.transfer:
    case TxType.ethTransfer:
      if (tx.receiver === tx.sender)
        fail(ErrorCode.SELF_TRANSFER, 'a transfer to oneself moves nothing', 'receiver');
      if (tx.amount === 0n) fail(ErrorCode.BAD_AMOUNT, 'a transfer must move at least 1 uTOP', 'amount');
      break;
    case TxType.stakeGas:
    case TxType.unstakeGas:
    case TxType.registerNode:
      if (tx.receiver !== tx.sender)
        fail(ErrorCode.BAD_ADDRESS, 'receiver must be the sender for this type', 'receiver');
      if (tx.amount === 0n && tx.type !== TxType.registerNode)
        fail(ErrorCode.BAD_AMOUNT, 'amount must be positive', 'amount');
      break;
    case TxType.vote:
    case TxType.unvote:
      if (tx.amount === 0n) fail(ErrorCode.BAD_AMOUNT, 'amount must be positive', 'amount');
      break;
  }
  if (tx.type === TxType.registerNode) {
    const p = tx.payload;
    if (!p) fail(ErrorCode.BAD_TYPE, 'registerNode needs a payload', 'payload');
    if (p.computeWeight < 1 || p.computeWeight > 100)
      fail(ErrorCode.OUT_OF_RANGE, 'computeWeight must be 1..100', 'payload.computeWeight');
    if (p.dividendRatePpm > 1_000_000)
      fail(ErrorCode.OUT_OF_RANGE, 'dividendRatePpm must be at most 1000000', 'payload.dividendRatePpm');
  } else if (tx.payload) fail(ErrorCode.BAD_TYPE, 'only registerNode carries a payload', 'payload');
  if (tx.type === TxType.ethTransfer) {
    if (!tx.eth) fail(ErrorCode.BAD_TYPE, 'ethTransfer needs the raw Ethereum transaction', 'eth');
  } else if (tx.eth) fail(ErrorCode.BAD_TYPE, 'only ethTransfer carries Ethereum bytes', 'eth');
}

export function checkTxSignature(tx: Tx, hash = txHash(tx)): void {
  if (tx.type === TxType.ethTransfer) {
    if (!checkEthTransferSignature(tx))
      fail(ErrorCode.BAD_SIGNATURE, 'the Ethereum signature does not recover to the sender', 'signature');
    return;
  }
  if (!verifySignature(tx.sender, hash, tx.signature))
    fail(ErrorCode.BAD_SIGNATURE, 'signature does not verify for the sender', 'signature');
}

/** Same as checkTxSignature, through WebCrypto where the runtime has Ed25519. */
export async function checkTxSignatureAsync(tx: Tx, hash = txHash(tx)): Promise<void> {
  // secp256k1 recovery has no WebCrypto path: the synchronous check is the only one.
  if (tx.type === TxType.ethTransfer) return checkTxSignature(tx, hash);
  if (!(await verifySignatureAsync(tx.sender, hash, tx.signature)))
    fail(ErrorCode.BAD_SIGNATURE, 'signature does not verify for the sender', 'signature');
}
