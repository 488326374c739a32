/**
 * The CLI's exit codes, one per kind of failure a script handles differently (docs/cli.md).
 * They follow the SDK's error classes, so `topnet send … || case $? in 4) …` needs no parsing.
 */
import {
  InsufficientFundsError,
  InvalidInputError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  TimeoutError,
  TransactionRejectedError,
} from '../errors.ts';

export const ExitCode = {
  ok: 0,
  /** Anything unexpected (a bug, a server error). */
  internal: 1,
  /** Wrong command line: unknown command or option, missing argument. */
  usage: 2,
  /** Bad input: address, key, amount, hash, keystore name. */
  invalidInput: 3,
  /** The ledger refused the transaction (nonce, duplicate, signature…). */
  rejected: 4,
  /** Not enough funds for the amount and its gas. */
  insufficientFunds: 5,
  /** No such transaction, block, account or key. */
  notFound: 6,
  /** Rate-limited (faucet per hour, full mempool). */
  rateLimited: 7,
  /** The network could not be reached. */
  networkDown: 8,
  /** A wait ran out of time. */
  timeout: 9,
} as const;

export function exitCodeOf(e: unknown): number {
  if (e instanceof InsufficientFundsError) return ExitCode.insufficientFunds;
  if (e instanceof TransactionRejectedError) return ExitCode.rejected;
  if (e instanceof InvalidInputError) return ExitCode.invalidInput;
  if (e instanceof NotFoundError) return ExitCode.notFound;
  if (e instanceof RateLimitedError) return ExitCode.rateLimited;
  if (e instanceof NetworkError) return ExitCode.networkDown;
  if (e instanceof TimeoutError) return ExitCode.timeout;
  return ExitCode.internal;
}
