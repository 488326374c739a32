/**
 * Errors of the Ethereum methods: topnet's stable codes mapped onto EIP-1474 codes and the
 * messages geth gives for the same failure, which is what viem and ethers match to raise their own
 * typed errors (NonceTooLowError, INSUFFICIENT_FUNDS, …). `data` still carries topnet's code and
 * the field at fault.
 */
import { RpcCode, RpcError, toRpcError } from '../rpcErrors.ts';

/** EIP-1474: -32000 invalid input, -32003 transaction rejected, -32005 limit exceeded. */
export const EthCode = { invalidInput: -32000, rejected: -32003, limit: -32005 } as const;

function gethMessage(code: string, field: string | undefined, message: string): string {
  switch (code) {
    case 'NONCE_TOO_LOW':
      return `nonce too low: ${message}`;
    case 'NONCE_GAP':
      return `nonce too high: ${message}`;
    case 'INSUFFICIENT_FUNDS':
    case 'INSUFFICIENT_GAS':
      return field === 'gas'
        ? 'intrinsic gas too low'
        : `insufficient funds for gas * price + value: ${message}`;
    case 'DUPLICATE_TX':
      return 'already known';
    case 'WRONG_CHAIN':
      return `invalid chain id for signer: ${message}`;
    case 'BAD_SIGNATURE':
      return 'invalid sender';
    case 'MEMPOOL_FULL':
      return 'txpool is full';
    case 'UNSUPPORTED':
      if (field === 'v') return 'only replay-protected (EIP-155) transactions allowed over RPC';
      if (field === 'type') return 'transaction type not supported';
      return message;
    default:
      return message;
  }
}

const REJECTED = new Set([
  'NONCE_TOO_LOW',
  'NONCE_GAP',
  'INSUFFICIENT_FUNDS',
  'INSUFFICIENT_GAS',
  'DUPLICATE_TX',
  'WRONG_CHAIN',
  'BAD_SIGNATURE',
  'SELF_TRANSFER',
  'UNSUPPORTED',
  'EXPIRED',
  'TIMESTAMP_SKEW',
]);

/** Any failure of an eth_* method as the RpcError a geth client expects. */
export function toEthError(e: unknown): RpcError {
  if (e instanceof RpcError && !e.data) return e;
  const r = toRpcError(e);
  if (!r.data || r.rpcCode === RpcCode.internal || r.rpcCode === RpcCode.notFound) return r;
  const { code, field, message } = r.data;
  if (code === 'MEMPOOL_FULL' || code === 'RATE_LIMITED')
    return new RpcError(EthCode.limit, gethMessage(code, field, message), r.data);
  const rpcCode = REJECTED.has(code) ? EthCode.rejected : EthCode.invalidInput;
  return new RpcError(rpcCode, gethMessage(code, field, message), r.data);
}
