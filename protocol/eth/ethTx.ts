/**
 * Signed Ethereum transactions as wallets send them to eth_sendRawTransaction: legacy with EIP-155
 * replay protection (RLP list of nine) and EIP-1559 (0x02 || RLP list of twelve). Decoding is
 * strict, and the signing hash is Ethereum's, so the sender is recovered exactly as Ethereum does; the
 * transaction's name everywhere is keccak256 of the raw bytes, as on Ethereum.
 */
import { concatBytes } from '../bytes.ts';
import { ErrorCode, fail } from '../errors.ts';
import { keccak256 } from '../hash.ts';
import { rlpDecode, rlpEncode, rlpInt, rlpToBytes, rlpToInt, rlpToList, type Rlp } from './rlp.ts';

export const EthTxType = { legacy: 0, eip1559: 2 } as const;
export type EthTxType = (typeof EthTxType)[keyof typeof EthTxType];

export const MAX_ETH_TX_BYTES = 512;

export interface EthTxFields {
  type: EthTxType;
  chainId: bigint;
  nonce: bigint;
  /** Legacy: the gas price; EIP-1559: maxFeePerGas. Wei. */
  maxFeePerGas: bigint;
  /** Legacy: equal to the gas price. */
  maxPriorityFeePerGas: bigint;
  gas: bigint;
  /** 20 bytes, or null for contract creation. */
  to: Uint8Array | null;
  value: bigint;
  data: Uint8Array;
  /** EIP-1559 only: carried as signed, always re-encoded as is. */
  accessList: Rlp[];
}

export interface EthSignature {
  yParity: 0 | 1;
  r: bigint;
  s: bigint;
}

/** Decoding only parses: the signing hash (ethSigningHash) and the hash (ethTxHash) cost a keccak each, paid where needed. */
export interface EthTx extends EthTxFields, EthSignature {}

/** The transaction's hash: keccak256 of the raw signed bytes. */
export function ethTxHash(raw: Uint8Array): Uint8Array {
  return keccak256(raw);
}

const to32 = (v: bigint): Uint8Array => {
  const out = new Uint8Array(32);
  for (let i = 31, x = v; i >= 0; i--, x >>= 8n) out[i] = Number(x & 0xffn);
  return out;
};

/** r || s || yParity, the 65-byte layout protocol/keys verifies. */
export function ethSignatureBytes(sig: EthSignature): Uint8Array {
  return concatBytes(to32(sig.r), to32(sig.s), Uint8Array.of(sig.yParity));
}

function toField(to: Uint8Array | null): Uint8Array {
  return to ?? new Uint8Array(0);
}

function unsignedItems(t: EthTxFields): Rlp[] {
  if (t.type === EthTxType.legacy)
    return [rlpInt(t.nonce), rlpInt(t.maxFeePerGas), rlpInt(t.gas), toField(t.to), rlpInt(t.value), t.data];
  return [
    rlpInt(t.chainId),
    rlpInt(t.nonce),
    rlpInt(t.maxPriorityFeePerGas),
    rlpInt(t.maxFeePerGas),
    rlpInt(t.gas),
    toField(t.to),
    rlpInt(t.value),
    t.data,
    t.accessList,
  ];
}

/** The hash a sender signs (EIP-155 for legacy, EIP-1559 for type 2). */
export function ethSigningHash(t: EthTxFields): Uint8Array {
  if (t.type === EthTxType.legacy)
    return keccak256(
      rlpEncode([...unsignedItems(t), rlpInt(t.chainId), new Uint8Array(0), new Uint8Array(0)]),
    );
  return keccak256(concatBytes(Uint8Array.of(2), rlpEncode(unsignedItems(t))));
}

/** The raw signed bytes for eth_sendRawTransaction. */
export function encodeEthTx(t: EthTxFields, sig: EthSignature): Uint8Array {
  if (t.type === EthTxType.legacy) {
    const v = t.chainId * 2n + 35n + BigInt(sig.yParity);
    return rlpEncode([...unsignedItems(t), rlpInt(v), rlpInt(sig.r), rlpInt(sig.s)]);
  }
  return concatBytes(
    Uint8Array.of(2),
    rlpEncode([...unsignedItems(t), rlpInt(BigInt(sig.yParity)), rlpInt(sig.r), rlpInt(sig.s)]),
  );
}

function toAddress(item: Rlp | undefined): Uint8Array | null {
  const b = rlpToBytes(item, 'to');
  if (b.length === 0) return null;
  if (b.length !== 20) fail(ErrorCode.BAD_LENGTH, `a recipient is 20 bytes, got ${b.length}`, 'to');
  return b;
}

function parity(v: bigint): 0 | 1 {
  if (v !== 0n && v !== 1n) fail(ErrorCode.BAD_SIGNATURE, `yParity must be 0 or 1, got ${v}`, 'v');
  return Number(v) as 0 | 1;
}

/** Decodes raw signed bytes; BAD_TYPE/TRUNCATED for malformed RLP, UNSUPPORTED for other tx types. */
export function decodeEthTx(raw: Uint8Array): EthTx {
  if (!(raw instanceof Uint8Array)) fail(ErrorCode.BAD_TYPE, 'expected the raw transaction as bytes', 'raw');
  if (raw.length === 0) fail(ErrorCode.TRUNCATED, 'empty transaction', 'raw');
  if (raw.length > MAX_ETH_TX_BYTES)
    fail(ErrorCode.OVERSIZED, `${raw.length} bytes exceeds ${MAX_ETH_TX_BYTES}`, 'raw');
  const first = raw[0]!;
  let fields: EthTxFields;
  let sig: EthSignature;
  if (first >= 0xc0) {
    const l = rlpToList(rlpDecode(raw, 'raw'), 'raw');
    if (l.length !== 9) fail(ErrorCode.BAD_TYPE, `a legacy transaction has 9 fields, got ${l.length}`, 'raw');
    const v = rlpToInt(l[6], 'v');
    if (v === 27n || v === 28n)
      fail(
        ErrorCode.UNSUPPORTED,
        'transactions without EIP-155 replay protection (v = 27/28) are not accepted',
        'v',
      );
    if (v < 35n) fail(ErrorCode.BAD_SIGNATURE, `invalid v ${v}`, 'v');
    const gasPrice = rlpToInt(l[1], 'gasPrice');
    fields = {
      type: EthTxType.legacy,
      chainId: (v - 35n) / 2n,
      nonce: rlpToInt(l[0], 'nonce', 8),
      maxFeePerGas: gasPrice,
      maxPriorityFeePerGas: gasPrice,
      gas: rlpToInt(l[2], 'gas', 8),
      to: toAddress(l[3]),
      value: rlpToInt(l[4], 'value'),
      data: rlpToBytes(l[5], 'data'),
      accessList: [],
    };
    sig = { yParity: Number((v - 35n) % 2n) as 0 | 1, r: rlpToInt(l[7], 'r'), s: rlpToInt(l[8], 's') };
  } else if (first === 2) {
    const l = rlpToList(rlpDecode(raw.subarray(1), 'raw'), 'raw');
    if (l.length !== 12)
      fail(ErrorCode.BAD_TYPE, `an EIP-1559 transaction has 12 fields, got ${l.length}`, 'raw');
    fields = {
      type: EthTxType.eip1559,
      chainId: rlpToInt(l[0], 'chainId'),
      nonce: rlpToInt(l[1], 'nonce', 8),
      maxPriorityFeePerGas: rlpToInt(l[2], 'maxPriorityFeePerGas'),
      maxFeePerGas: rlpToInt(l[3], 'maxFeePerGas'),
      gas: rlpToInt(l[4], 'gas', 8),
      to: toAddress(l[5]),
      value: rlpToInt(l[6], 'value'),
      data: rlpToBytes(l[7], 'data'),
      accessList: rlpToList(l[8], 'accessList'),
    };
    sig = { yParity: parity(rlpToInt(l[9], 'v')), r: rlpToInt(l[10], 'r'), s: rlpToInt(l[11], 's') };
  } else
    return fail(
      ErrorCode.UNSUPPORTED,
      `transaction type ${first} is not supported; send legacy (EIP-155) or EIP-1559 (type 2)`,
      'type',
    );
  return { ...fields, ...sig };
}
