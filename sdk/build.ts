/**
 * Building and signing every transaction type of protocol/tx — transfer, stakeGas, unstakeGas,
 * registerNode, vote, unvote — and the Ethereum-signed ethTransfer (raw bytes for
 * eth_sendRawTransaction). Builders are pure: the caller (or TopnetClient, which tracks them) passes
 * the sender's nonce and previous transaction hash; times default to now with a 10-minute window.
 *
 * @example
 * const tx = signTransaction(buildTx({ type: 'transfer', from: k.address, to, amount: 5_000_000n,
 *   chainId: 1023, nonce: 0n, prevHash: ZERO_HASH }), k);
 */
import { fromHex, toHex } from '../protocol/bytes.ts';
import { encodeEthTx, ethSigningHash, ethTxHash, type EthTxFields } from '../protocol/eth/ethTx.ts';
import { parseAddress, addressFromEthereum, ethereumAddressOf } from '../protocol/keys/address.ts';
import { signTx } from '../protocol/tx/signTx.ts';
import { txHash } from '../protocol/tx/txHash.ts';
import { txToJson, type TxJson } from '../protocol/tx/txJson.ts';
import { encodeTx } from '../protocol/tx/encodeTx.ts';
import { checkTxRules } from '../protocol/tx/checkTx.ts';
import { TRANSFER_GAS, WEI_PER_UTOP } from '../protocol/tx/ethTransfer.ts';
import {
  NODE_ROLE_NAMES,
  TX_TYPE_NAMES,
  TxType,
  type NodeRole,
  type Tx,
  type TxTypeName,
  type UnsignedTx,
} from '../protocol/tx/types.ts';
import { InvalidInputError, local } from './errors.ts';
import type { Key } from './keys.ts';

export type { Tx, UnsignedTx, TxJson, TxTypeName };
export { TxType, WEI_PER_UTOP };
export const ZERO_HASH = '0x' + '00'.repeat(32);
/** How long a built transaction stays includable by default, seconds. */
export const DEFAULT_WINDOW_SECONDS = 600;

export interface TxContext {
  chainId: number;
  /** The sender's next nonce. */
  nonce: bigint;
  /** 0x-hex hash of the sender's previous transaction (ZERO_HASH for its first). */
  prevHash: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Unix seconds; default timestamp + 600. */
  expiry?: number;
  memo?: string;
}

export interface RegisterNodeParams {
  role: (typeof NODE_ROLE_NAMES)[number];
  /** 0x-hex 32-byte ed25519 keys. */
  consensusKey: string;
  vrfKey: string;
  computeWeight: number;
  dividendRatePpm: number;
}

/** What a transaction does, by type; amounts in uTOP. */
export type TxIntent =
  | { type: 'transfer'; to: string; amount: bigint }
  | { type: 'stakeGas'; amount: bigint }
  | { type: 'unstakeGas'; amount: bigint }
  | { type: 'vote'; node: string; amount: bigint }
  | { type: 'unvote'; node: string; amount: bigint }
  | { type: 'registerNode'; deposit: bigint; node: RegisterNodeParams };

/** An address in T-form; a 0x Ethereum address is taken as the T8 account with the same 20 bytes. */
export function toTopnetAddress(address: string, field = 'address'): string {
  return local(() =>
    typeof address === 'string' && /^0x/i.test(address)
      ? addressFromEthereum(address, field)
      : parseAddress(address, field).text,
  );
}

export function buildTx(from: string, intent: TxIntent, ctx: TxContext): UnsignedTx {
  const sender = toTopnetAddress(from, 'from');
  const timestamp = ctx.timestamp ?? Math.floor(Date.now() / 1000);
  const type = TX_TYPE_NAMES.indexOf(intent.type as TxTypeName);
  if (type < 0 || type === TxType.ethTransfer)
    throw new InvalidInputError(
      `unknown transaction type ${JSON.stringify(intent.type)}`,
      'BAD_ENUM',
      'type',
    );
  const receiver =
    intent.type === 'transfer'
      ? toTopnetAddress(intent.to, 'to')
      : intent.type === 'vote' || intent.type === 'unvote'
        ? toTopnetAddress(intent.node, 'node')
        : sender;
  const amount = intent.type === 'registerNode' ? intent.deposit : intent.amount;
  if (typeof amount !== 'bigint')
    throw new InvalidInputError(
      'amounts are bigint uTOP',
      'BAD_TYPE',
      intent.type === 'registerNode' ? 'deposit' : 'amount',
    );
  const tx: UnsignedTx = {
    chainId: ctx.chainId,
    type: type as TxType,
    sender,
    receiver,
    nonce: ctx.nonce,
    prevHash: local(() => fromHex(ctx.prevHash, 'prevHash', 32)),
    amount,
    timestamp,
    expiry: ctx.expiry ?? timestamp + DEFAULT_WINDOW_SECONDS,
    memo: ctx.memo ?? '',
  };
  if (intent.type === 'registerNode') {
    const p = intent.node;
    const role = NODE_ROLE_NAMES.indexOf(p.role);
    if (role < 0)
      throw new InvalidInputError(
        `unknown role; one of ${NODE_ROLE_NAMES.join(', ')}`,
        'BAD_ENUM',
        'node.role',
      );
    tx.payload = {
      role: role as NodeRole,
      consensusKey: local(() => fromHex(p.consensusKey, 'node.consensusKey', 32)),
      vrfKey: local(() => fromHex(p.vrfKey, 'node.vrfKey', 32)),
      computeWeight: p.computeWeight,
      dividendRatePpm: p.dividendRatePpm,
    };
  }
  local(() => checkTxRules(tx));
  return tx;
}

/** Signs with the sender's key (SIGNER_MISMATCH if the key is not the sender's). */
export function signTransaction(tx: UnsignedTx, key: Key): Tx {
  return local(() => signTx(tx, key.signer));
}

/** 0x-hex hash of a transaction (what every endpoint names it by). */
export function transactionHash(tx: UnsignedTx): string {
  return '0x' + toHex(txHash(tx));
}

/** The JSON form sendTransaction takes. */
export function transactionJson(tx: Tx): TxJson {
  return txToJson(tx);
}

/** 0x-hex of the signed binary encoding (sendTransaction accepts it too). */
export function transactionHex(tx: Tx): string {
  return '0x' + toHex(local(() => encodeTx(tx)));
}

export interface EthTransferParams {
  /** 0x Ethereum address or T8 address of the receiver. */
  to: string;
  /** uTOP (converted to wei × 10^12 in the signed bytes). */
  amount: bigint;
  nonce: bigint;
  chainId: number;
  /** 'eip1559' (default) or 'legacy' (EIP-155). */
  txType?: 'eip1559' | 'legacy';
  gas?: bigint;
  /** Wei; topnet charges nothing per unit of gas, so 0 by default. */
  maxFeePerGas?: bigint;
  maxPriorityFeePerGas?: bigint;
}

/** Signs a transfer as an Ethereum wallet would: 0x raw bytes for eth_sendRawTransaction, and its hash. */
export function signEthTransfer(p: EthTransferParams, key: Key): { raw: string; hash: string } {
  if (key.kind !== 'secp256k1')
    throw new InvalidInputError(
      'only T8 (secp256k1) keys sign Ethereum transactions',
      'BAD_ADDRESS_TYPE',
      'key',
    );
  const to = local(() => fromHex(ethereumAddressOf(toTopnetAddress(p.to, 'to')), 'to', 20));
  const legacy = p.txType === 'legacy';
  const fee = p.maxFeePerGas ?? 0n;
  const fields: EthTxFields = {
    type: legacy ? 0 : 2,
    chainId: BigInt(p.chainId),
    nonce: p.nonce,
    maxFeePerGas: fee,
    maxPriorityFeePerGas: legacy ? fee : (p.maxPriorityFeePerGas ?? 0n),
    gas: p.gas ?? TRANSFER_GAS,
    to,
    value: p.amount * WEI_PER_UTOP,
    data: new Uint8Array(0),
    accessList: [],
  };
  const sig = key.signer.sign(ethSigningHash(fields));
  const raw = encodeEthTx(fields, {
    r: BigInt('0x' + toHex(sig.subarray(0, 32))),
    s: BigInt('0x' + toHex(sig.subarray(32, 64))),
    yParity: sig[64] as 0 | 1,
  });
  return { raw: '0x' + toHex(raw), hash: '0x' + toHex(ethTxHash(raw)) };
}
