/**
 * JSON-RPC errors of the edge. Protocol error codes map onto JSON-RPC codes (EIP-1474 style):
 * malformed input is -32602 (invalid params), a transaction the ledger refuses is -32003
 * (transaction rejected), a limit is -32005; `data` always carries the stable topnet code and the
 * field at fault, so clients branch on `data.code`, never on the message.
 */
import { isProtocolError } from '../../protocol/errors.ts';
import type { ErrorInfo } from '../../schema/rpc.ts';

export const RpcCode = {
  parse: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internal: -32603,
  rejected: -32003,
  notFound: -32001,
  limit: -32005,
} as const;

const REJECTIONS = new Set([
  'WRONG_CHAIN',
  'EXPIRED',
  'TIMESTAMP_SKEW',
  'NONCE_TOO_LOW',
  'NONCE_GAP',
  'PREV_HASH_MISMATCH',
  'INSUFFICIENT_FUNDS',
  'INSUFFICIENT_GAS',
  'DUPLICATE_TX',
  'WRONG_TABLE',
  'SELF_TRANSFER',
  'BAD_SIGNATURE',
  'SIGNER_MISMATCH',
  'MEMPOOL_FULL',
]);

export class RpcError extends Error {
  constructor(
    readonly rpcCode: number,
    message: string,
    readonly data?: ErrorInfo,
  ) {
    super(message);
  }
}

export function rpcCodeOf(code: string): number {
  if (code === 'RATE_LIMITED' || code === 'OVERSIZED_BATCH') return RpcCode.limit;
  return REJECTIONS.has(code) ? RpcCode.rejected : RpcCode.invalidParams;
}

export function fromErrorInfo(e: ErrorInfo): RpcError {
  return new RpcError(rpcCodeOf(e.code), e.message, e);
}

export function toRpcError(e: unknown): RpcError {
  if (e instanceof RpcError) return e;
  if (isProtocolError(e)) return fromErrorInfo(e.toJSON());
  return new RpcError(RpcCode.internal, `internal error: ${(e as Error)?.message ?? String(e)}`);
}
