/**
 * The SDK's errors: one class per kind of failure a caller handles differently, each carrying the
 * server's stable `code` (e.g. INSUFFICIENT_FUNDS, BAD_ADDRESS), the `field` at fault and the
 * JSON-RPC code. Input the SDK refuses before sending (a bad address or key) raises the same
 * classes with the same codes, so callers branch on the class or on `code`, never on the message.
 *
 * @example
 * try { await client.transfer({ from, to, amount }); }
 * catch (e) { if (e instanceof InsufficientFundsError) console.log('top up first:', e.message); }
 */
import { isProtocolError } from '../protocol/errors.ts';

export interface RpcErrorBody {
  code: number;
  message: string;
  data?: { code?: string; message?: string; field?: string } | unknown;
}

export class TopnetError extends Error {
  override name = 'TopnetError';
  constructor(
    message: string,
    /** topnet's stable code (data.code from the server), or NETWORK / TIMEOUT / INTERNAL. */
    readonly code: string,
    readonly field?: string,
    /** The JSON-RPC error code, when the server answered. */
    readonly rpcCode?: number,
  ) {
    super(message);
  }
}

/** Malformed input: a bad address, key, amount or parameter (JSON-RPC -32602/-32600/-32700/-32000). */
export class InvalidInputError extends TopnetError {
  override name = 'InvalidInputError';
}
/** The ledger refused a transaction (-32003): nonce, funds, duplicate, signature, chain. */
export class TransactionRejectedError extends TopnetError {
  override name = 'TransactionRejectedError';
}
export class InsufficientFundsError extends TransactionRejectedError {
  override name = 'InsufficientFundsError';
}
export class NonceError extends TransactionRejectedError {
  override name = 'NonceError';
}
/** -32001: no such transaction, block or account. */
export class NotFoundError extends TopnetError {
  override name = 'NotFoundError';
}
/** -32005: a limit was hit (faucet per hour, batch size, full mempool). */
export class RateLimitedError extends TopnetError {
  override name = 'RateLimitedError';
}
/** -32601: the server does not know the method. */
export class MethodNotFoundError extends TopnetError {
  override name = 'MethodNotFoundError';
}
/** The server failed (-32603) or answered something that is not JSON-RPC. */
export class ServerError extends TopnetError {
  override name = 'ServerError';
}
/** The network could not be reached (connection refused, DNS, reset). */
export class NetworkError extends TopnetError {
  override name = 'NetworkError';
}
/** A wait ran out of time. */
export class TimeoutError extends TopnetError {
  override name = 'TimeoutError';
}

const FUNDS = new Set(['INSUFFICIENT_FUNDS', 'INSUFFICIENT_GAS']);
const NONCE = new Set(['NONCE_TOO_LOW', 'NONCE_GAP', 'PREV_HASH_MISMATCH']);

/** The typed error for a JSON-RPC error object. */
export function errorFromRpc(e: RpcErrorBody): TopnetError {
  const d = (typeof e.data === 'object' && e.data !== null ? e.data : {}) as {
    code?: string;
    field?: string;
  };
  const code = d.code ?? 'RPC_' + e.code;
  const args = [e.message, code, d.field, e.code] as const;
  switch (e.code) {
    case -32003:
      if (FUNDS.has(code)) return new InsufficientFundsError(...args);
      if (NONCE.has(code)) return new NonceError(...args);
      return new TransactionRejectedError(...args);
    case -32001:
      return new NotFoundError(...args);
    case -32005:
      return new RateLimitedError(...args);
    case -32601:
      return new MethodNotFoundError(...args);
    case -32603:
      return new ServerError(...args);
    default:
      return new InvalidInputError(...args);
  }
}

/** The error of a transaction the ledger rejected after admission (TxView.error / SubmitResult.error). */
export function errorFromRejection(info: { code: string; message: string; field?: string }): TopnetError {
  return errorFromRpc({ code: -32003, message: info.message, data: info });
}

/** Runs local validation (protocol/), turning its ProtocolError into InvalidInputError. */
export function local<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (isProtocolError(e)) throw new InvalidInputError(e.message, e.code, e.field);
    throw e;
  }
}
