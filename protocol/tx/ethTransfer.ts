/**
 * The ethTransfer transaction: a transfer between T8 accounts that an Ethereum wallet signed. The
 * raw signed Ethereum transaction is carried whole and every ledger field derives from it — sender
 * (recovered from its signature), receiver (T8 of `to`), nonce, amount (value in wei / 10^12) and
 * chain id — so the wallet's signature covers all of them; only the inclusion window (timestamp,
 * expiry) is set by the edge that wraps it. Its hash is keccak256(raw), the hash the wallet knows.
 * There is no prevHash: the nonce alone orders an account's transactions (see docs/ethereum.md).
 */
import { ZERO32 } from '../bytes.ts';
import { ErrorCode, fail } from '../errors.ts';
import { U64_MAX } from '../codec/writer.ts';
import { formatAddress } from '../keys/address.ts';
import { recoverSecp256k1AddressBody } from '../keys/secp256k1.ts';
import { verifySignature } from '../keys/verifySignature.ts';
import { decodeEthTx, ethSignatureBytes, ethSigningHash, type EthTx } from '../eth/ethTx.ts';
import { TxType, type Tx } from './types.ts';

/** 1 uTOP = 10^12 wei: Ethereum tools see TOP with 18 decimals. */
export const WEI_PER_UTOP = 1_000_000_000_000n;
/** The gas of a plain Ethereum transfer; less is refused as on Ethereum. */
export const TRANSFER_GAS = 21_000n;

/** The ledger fields of a decoded Ethereum transaction; refuses what is not a plain value transfer. */
export function ethTransferFields(eth: EthTx): {
  chainId: number;
  receiver: string;
  nonce: bigint;
  amount: bigint;
} {
  if (eth.to === null)
    fail(ErrorCode.UNSUPPORTED, 'contract creation is not supported: topnet runs no EVM', 'to');
  if (eth.data.length > 0)
    fail(ErrorCode.UNSUPPORTED, 'topnet runs no contracts: a transfer carries no data', 'data');
  if (eth.gas < TRANSFER_GAS)
    fail(ErrorCode.INSUFFICIENT_GAS, `intrinsic gas too low: have ${eth.gas}, want 21000`, 'gas');
  if (eth.value % WEI_PER_UTOP !== 0n)
    fail(ErrorCode.BAD_AMOUNT, 'value must be a whole number of uTOP (a multiple of 10^12 wei)', 'value');
  if (eth.value / WEI_PER_UTOP > U64_MAX) fail(ErrorCode.OUT_OF_RANGE, 'value exceeds u64 uTOP', 'value');
  if (eth.chainId > 0xffffffffn)
    fail(ErrorCode.WRONG_CHAIN, `chain id ${eth.chainId} is out of range`, 'chainId');
  return {
    chainId: Number(eth.chainId),
    receiver: formatAddress('secp256k1', eth.to),
    nonce: eth.nonce,
    amount: eth.value / WEI_PER_UTOP,
  };
}

/** The ethTransfer of `raw` sent by `sender` (not checked here: see checkEthTransferSignature). */
export function ethTransferTx(
  raw: Uint8Array,
  sender: string,
  timestamp: number,
  expiry: number,
  eth: EthTx = decodeEthTx(raw),
): Tx {
  return {
    ...ethTransferFields(eth),
    type: TxType.ethTransfer,
    sender,
    prevHash: ZERO32,
    timestamp,
    expiry,
    memo: '',
    eth: raw.slice(),
    signature: ethSignatureBytes(eth),
  };
}

/** The T8 address that signed a decoded Ethereum transaction; BAD_SIGNATURE if none recovers. */
export function recoverEthSender(eth: EthTx): string {
  return formatAddress('secp256k1', recoverSecp256k1AddressBody(ethSigningHash(eth), ethSignatureBytes(eth)));
}

/** Wraps raw wallet bytes with the recovered sender and an inclusion window. */
export function ethTransferFromRaw(raw: Uint8Array, timestamp: number, expiry: number): Tx {
  const eth = decodeEthTx(raw);
  return ethTransferTx(raw, recoverEthSender(eth), timestamp, expiry, eth);
}

/** True when the Ethereum signature inside `tx.eth` recovers to `tx.sender`. */
export function checkEthTransferSignature(tx: Tx): boolean {
  if (!tx.eth) return false;
  const eth = decodeEthTx(tx.eth);
  return verifySignature(tx.sender, ethSigningHash(eth), ethSignatureBytes(eth));
}
