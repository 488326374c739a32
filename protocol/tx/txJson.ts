/**
 * The JSON form of a transaction used by RPC, REST and the SDK: amounts and nonces as decimal
 * strings, bytes as 0x-hex, types and roles by name. Parsing names the exact field at fault.
 */
import { fromHex, toHex } from '../bytes.ts';
import { ErrorCode, fail } from '../errors.ts';
import { parseAddress } from '../keys/address.ts';
import { parseAmount } from '../amount.ts';
import { ethTransferTx } from './ethTransfer.ts';
import { NODE_ROLE_NAMES, TX_TYPE_NAMES, TxType, type NodeRole, type Tx, type TxTypeName } from './types.ts';

export interface TxJson {
  chainId: number;
  type: TxTypeName;
  sender: string;
  receiver: string;
  nonce: string;
  prevHash: string;
  amount: string;
  timestamp: number;
  expiry: number;
  memo: string;
  payload?: {
    role: (typeof NODE_ROLE_NAMES)[number];
    consensusKey: string;
    vrfKey: string;
    computeWeight: number;
    dividendRatePpm: number;
  };
  signature: string;
  /** ethTransfer only: 0x-hex of the raw signed Ethereum transaction. */
  eth?: string;
}

export function txToJson(tx: Tx): TxJson {
  const j: TxJson = {
    chainId: tx.chainId,
    type: TX_TYPE_NAMES[tx.type],
    sender: tx.sender,
    receiver: tx.receiver,
    nonce: tx.nonce.toString(),
    prevHash: '0x' + toHex(tx.prevHash),
    amount: tx.amount.toString(),
    timestamp: tx.timestamp,
    expiry: tx.expiry,
    memo: tx.memo,
    signature: '0x' + toHex(tx.signature),
  };
  if (tx.eth) j.eth = '0x' + toHex(tx.eth);
  if (tx.payload)
    j.payload = {
      role: NODE_ROLE_NAMES[tx.payload.role],
      consensusKey: '0x' + toHex(tx.payload.consensusKey),
      vrfKey: '0x' + toHex(tx.payload.vrfKey),
      computeWeight: tx.payload.computeWeight,
      dividendRatePpm: tx.payload.dividendRatePpm,
    };
  return j;
}

function int(v: unknown, field: string, max: number): number {
  if (typeof v !== 'number')
    fail(ErrorCode.BAD_TYPE, `expected an integer, got ${v === null ? 'null' : typeof v}`, field);
  if (!Number.isInteger(v)) fail(ErrorCode.NOT_INTEGER, `${v} is not an integer`, field);
  if (v < 0) fail(ErrorCode.NEGATIVE, `${v} is negative`, field);
  if (v > max) fail(ErrorCode.OUT_OF_RANGE, `${v} exceeds ${max}`, field);
  return v;
}

function str(v: unknown, field: string): string {
  if (typeof v !== 'string')
    fail(ErrorCode.BAD_TYPE, `expected a string, got ${v === null ? 'null' : typeof v}`, field);
  return v;
}

export function txFromJson(input: unknown): Tx {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    fail(ErrorCode.BAD_TYPE, 'expected a transaction object', 'transaction');
  const o = input as Record<string, unknown>;
  const typeName = str(o.type, 'type');
  const type = TX_TYPE_NAMES.indexOf(typeName as TxTypeName);
  if (type < 0)
    fail(
      ErrorCode.BAD_ENUM,
      `unknown type "${typeName.slice(0, 30)}"; one of ${TX_TYPE_NAMES.join(', ')}`,
      'type',
    );
  if (type === TxType.ethTransfer) return ethTransferFromJson(o);
  const tx: Tx = {
    chainId: int(o.chainId, 'chainId', 0xffffffff),
    type: type as TxType,
    sender: parseAddress(o.sender, 'sender').text,
    receiver: parseAddress(o.receiver, 'receiver').text,
    nonce: parseAmount(o.nonce, 'nonce'),
    prevHash: fromHex(str(o.prevHash, 'prevHash'), 'prevHash', 32),
    amount: parseAmount(o.amount, 'amount'),
    timestamp: int(o.timestamp, 'timestamp', Number.MAX_SAFE_INTEGER),
    expiry: int(o.expiry, 'expiry', Number.MAX_SAFE_INTEGER),
    memo: o.memo === undefined ? '' : str(o.memo, 'memo'),
    signature: fromHex(str(o.signature, 'signature'), 'signature'),
  };
  if (type === TxType.registerNode) {
    const p = o.payload as Record<string, unknown> | undefined;
    if (typeof p !== 'object' || p === null)
      fail(ErrorCode.BAD_TYPE, 'registerNode needs a payload object', 'payload');
    const role = NODE_ROLE_NAMES.indexOf(str(p.role, 'payload.role') as (typeof NODE_ROLE_NAMES)[number]);
    if (role < 0)
      fail(ErrorCode.BAD_ENUM, `unknown role; one of ${NODE_ROLE_NAMES.join(', ')}`, 'payload.role');
    tx.payload = {
      role: role as NodeRole,
      consensusKey: fromHex(str(p.consensusKey, 'payload.consensusKey'), 'payload.consensusKey', 32),
      vrfKey: fromHex(str(p.vrfKey, 'payload.vrfKey'), 'payload.vrfKey', 32),
      computeWeight: int(p.computeWeight, 'payload.computeWeight', 0xffff),
      dividendRatePpm: int(p.dividendRatePpm, 'payload.dividendRatePpm', 0xffffffff),
    };
  } else if (o.payload !== undefined)
    fail(ErrorCode.BAD_TYPE, 'only registerNode carries a payload', 'payload');
  if (o.eth !== undefined) fail(ErrorCode.BAD_TYPE, 'only ethTransfer carries Ethereum bytes', 'eth');
  return tx;
}

/** Every field but the sender and the window comes from the signed bytes; a stated chainId must agree. */
function ethTransferFromJson(o: Record<string, unknown>): Tx {
  const tx = ethTransferTx(
    fromHex(str(o.eth, 'eth'), 'eth'),
    parseAddress(o.sender, 'sender').text,
    int(o.timestamp, 'timestamp', Number.MAX_SAFE_INTEGER),
    int(o.expiry, 'expiry', Number.MAX_SAFE_INTEGER),
  );
  if (o.chainId !== undefined && o.chainId !== tx.chainId)
    fail(ErrorCode.WRONG_CHAIN, `signed for chain ${tx.chainId}, not ${String(o.chainId)}`, 'chainId');
  return tx;
}
